import type { CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults that fall below WCAG's 4.5:1 are darkened: secondary text (gray 6 is 3.3:1 on white), error
 * text (red 6 is 3.3:1), and the text of light, tinted badges and buttons (shade 6 on its own 10% tint is ~3:1),
 * which is raised to shade 9 darkened by a third for every colour of the palette. With shade 9 as the filled colour,
 * Mantine's hover falls back to the lighter shade 8 (white on teal 8 is 3.94:1), so hover darkens the filled colour instead.
 */
export const contrastVariables: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(Object.keys(theme.colors).map((color) => [`--mantine-color-${color}-light-color`, `color-mix(in srgb, var(--mantine-color-${color}-9) 70%, black)`])),
    ...Object.fromEntries(Object.keys(theme.colors).map((color) => [`--mantine-color-${color}-filled-hover`, `color-mix(in srgb, var(--mantine-color-${color}-filled) 85%, black)`])),
  },
  dark: {},
});
