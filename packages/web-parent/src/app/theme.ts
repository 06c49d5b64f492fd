import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import { accessibleComponents } from '@navigator/web-shared/accessible-defaults';
import { type LowVisionScheme, SCHEME_COLOURS } from './low-vision';

export const theme = createTheme({
  primaryColor: 'teal',
  // The darkest teal keeps white-on-teal buttons and teal links above the 4.5:1 contrast ratio.
  primaryShade: 9,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  components: accessibleComponents,
});

/**
 * «Версия для слабовидящих» in one of its colour schemes: every palette colour becomes the scheme's text colour, so
 * buttons, badges and alerts are drawn in the two colours of the scheme only; Mantine's white and black become the
 * scheme's background and text, so filled buttons show the background colour on the text colour. Text size is set on
 * the root element (Mantine sizes everything in rem).
 */
export function lowVisionTheme(scheme: LowVisionScheme) {
  const { text, background } = SCHEME_COLOURS[scheme];
  const ink = Array<string>(10).fill(text) as unknown as MantineColorsTuple;
  return createTheme({
    primaryColor: 'dark',
    primaryShade: 9,
    defaultRadius: 'xs',
    fontFamily: 'Arial, Helvetica, sans-serif',
    black: text,
    white: background,
    colors: Object.fromEntries(Object.keys(DEFAULT_THEME.colors).map((name) => [name, ink])),
    focusRing: 'always',
    components: {
      ...accessibleComponents,
      Button: { defaultProps: { variant: 'filled' } },
    },
  });
}

export function lowVisionVariables(scheme: LowVisionScheme): CSSVariablesResolver {
  const { text, background } = SCHEME_COLOURS[scheme];
  return () => ({
    variables: {},
    light: {
      '--mantine-color-dimmed': text,
      '--mantine-color-text': text,
      '--mantine-color-body': background,
      '--mantine-color-default': background,
      '--mantine-color-default-color': text,
      '--mantine-color-default-border': text,
      '--mantine-color-anchor': text,
      '--mantine-color-placeholder': text,
      '--mantine-color-error': text,
    },
    dark: {},
  });
}
