import { Button, Group, Paper, SegmentedControl, Switch, Text } from '@mantine/core';
import { forwardRef } from 'react';
import { type LowVisionScheme, type LowVisionSettings, useLowVision } from './low-vision';

const SIZES = ['100', '150', '200'].map((value) => ({ value, label: `${value} %` }));

const SCHEMES: { value: LowVisionScheme; label: string }[] = [
  { value: 'black-on-white', label: 'Чёрным по белому' },
  { value: 'white-on-black', label: 'Белым по чёрному' },
  { value: 'blue-on-light-blue', label: 'Синим по голубому' },
];

const SPACINGS: { value: LowVisionSettings['spacing']; label: string }[] = [
  { value: 'normal', label: 'Обычный' },
  { value: 'medium', label: 'Средний' },
  { value: 'large', label: 'Большой' },
];

/**
 * The settings of «версия для слабовидящих», shown at the top of the page while it is on. Each choice is a group of
 * radio buttons (arrows move between them), so the whole panel is usable from the keyboard.
 */
export const LowVisionPanel = forwardRef<HTMLDivElement>(function LowVisionPanel(_, ref) {
  const [settings, change] = useLowVision();
  if (!settings.on) return null;
  return (
    <Paper ref={ref} withBorder p="sm" mb="md" role="region" aria-label="Настройки версии для слабовидящих" tabIndex={-1}>
      <Group gap="lg" align="end">
        <div>
          <Text size="sm" fw={700} id="lv-size">
            Размер шрифта
          </Text>
          <SegmentedControl
            aria-labelledby="lv-size"
            value={String(settings.size)}
            onChange={(v) => change({ size: Number(v) as LowVisionSettings['size'] })}
            data={SIZES}
          />
        </div>
        <div>
          <Text size="sm" fw={700} id="lv-scheme">
            Цвета
          </Text>
          <SegmentedControl aria-labelledby="lv-scheme" value={settings.scheme} onChange={(v) => change({ scheme: v as LowVisionScheme })} data={SCHEMES} />
        </div>
        <div>
          <Text size="sm" fw={700} id="lv-spacing">
            Интервал между буквами и строками
          </Text>
          <SegmentedControl aria-labelledby="lv-spacing" value={settings.spacing} onChange={(v) => change({ spacing: v as LowVisionSettings['spacing'] })} data={SPACINGS} />
        </div>
        <Switch label="Изображения" checked={settings.images} onChange={(e) => change({ images: e.currentTarget.checked })} />
        <Button variant="outline" onClick={() => change({ on: false })}>
          Обычная версия
        </Button>
      </Group>
    </Paper>
  );
});
