import { useLocalStorage } from '@mantine/hooks';

/** The settings of «версия для слабовидящих» as ГОСТ Р 52872-2019 lists them: text size, colour scheme, images, spacing. */
export interface LowVisionSettings {
  on: boolean;
  /** Text size, per cent of the browser's own. */
  size: 100 | 150 | 200;
  scheme: LowVisionScheme;
  images: boolean;
  spacing: 'normal' | 'medium' | 'large';
}

export type LowVisionScheme = 'black-on-white' | 'white-on-black' | 'blue-on-light-blue';

/** Text and background of each colour scheme; every pair is above 7:1 (WCAG's AAA for text). */
export const SCHEME_COLOURS: Record<LowVisionScheme, { text: string; background: string }> = {
  'black-on-white': { text: '#000000', background: '#ffffff' },
  'white-on-black': { text: '#ffffff', background: '#000000' },
  'blue-on-light-blue': { text: '#063462', background: '#9dd1ff' },
};

const OFF: LowVisionSettings = { on: false, size: 150, scheme: 'black-on-white', images: true, spacing: 'normal' };

/** Earlier versions stored just `true` or `false`; those visitors keep their choice. */
function deserialize(stored: string | undefined): LowVisionSettings {
  if (stored === undefined) return OFF;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value === 'boolean') return { ...OFF, on: value };
    if (value && typeof value === 'object') return { ...OFF, ...(value as Partial<LowVisionSettings>) };
  } catch {
    // A value some other script left under the key: start from the ordinary version.
  }
  return OFF;
}

/** The low-vision settings survive reloads and later visits in the same browser. */
export function useLowVision() {
  const [settings, setSettings] = useLocalStorage<LowVisionSettings>({
    key: 'navigator:low-vision',
    defaultValue: OFF,
    getInitialValueInEffect: false,
    deserialize,
  });
  const change = (patch: Partial<LowVisionSettings>) => setSettings((current) => ({ ...current, ...patch }));
  return [settings, change] as const;
}
