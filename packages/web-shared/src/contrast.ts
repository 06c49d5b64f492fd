import type { CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults that fall below WCAG's 4.5:1 are darkened: secondary text (gray 6 is 3.3:1 on white), error
 * text (red 6 is 3.3:1), and the text of light, tinted badges and buttons (shade 6 on its own 10% tint is ~3:1),
 * which is raised to shade 9 darkened by a third for every colour of the palette.
 */
export const contrastVariables: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(Object.keys(theme.colors).map((color) => [`--mantine-color-${color}-light-color`, `color-mix(in srgb, var(--mantine-color-${color}-9) 70%, black)`])),
  },
  dark: {},
});
