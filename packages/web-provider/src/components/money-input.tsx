import { NumberInput, type NumberInputProps } from '@mantine/core';

type Props = Omit<NumberInputProps, 'value' | 'onChange'> & {
  /** Kopecks, or null while empty. */
  value: number | null;
  onChange: (kopecks: number | null) => void;
};

/** People type rubles with kopecks after a comma; the API takes integer kopecks. */
export function MoneyInput({ value, onChange, ...props }: Props) {
  return (
    <NumberInput
      {...props}
      value={value === null ? '' : value / 100}
      onChange={(v) => onChange(v === '' || v === null ? null : Math.round(Number(v) * 100))}
      decimalScale={2}
      decimalSeparator=","
      thousandSeparator=" "
      min={0}
      hideControls
      rightSection="₽"
    />
  );
}
