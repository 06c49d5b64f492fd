import { useLocalStorage } from '@mantine/hooks';

/** The low-vision switch survives reloads and later visits on the same device. */
export function useLowVision() {
  return useLocalStorage<boolean>({ key: 'navigator:low-vision', defaultValue: false, getInitialValueInEffect: false });
}
