import { type CSSVariablesResolver, createTheme } from '@mantine/core';
import { accessibleComponents } from '@navigator/web-shared/accessible-defaults';

export const theme = createTheme({
  primaryColor: 'teal',
  // The darkest teal keeps white-on-teal buttons and teal links above the 4.5:1 contrast ratio.
  primaryShade: 9,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  components: accessibleComponents,
});

/** «Версия для слабовидящих»: everything a quarter larger, black on white, strong outlines. */
export const lowVisionTheme = createTheme({
  primaryColor: 'dark',
  primaryShade: 9,
  defaultRadius: 'xs',
  scale: 1.25,
  fontFamily: 'Arial, Helvetica, sans-serif',
  black: '#000000',
  white: '#ffffff',
  focusRing: 'always',
  components: {
    ...accessibleComponents,
    Button: { defaultProps: { variant: 'filled' } },
  },
});

export const lowVisionVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#000000',
    '--mantine-color-text': '#000000',
    '--mantine-color-body': '#ffffff',
    '--mantine-color-default-border': '#000000',
    '--mantine-color-anchor': '#000000',
    '--mantine-color-placeholder': '#333333',
  },
  dark: {},
});
