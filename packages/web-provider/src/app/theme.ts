import { createTheme, Table } from '@mantine/core';
import { accessibleComponents } from '@navigator/web-shared/accessible-defaults';

// Desktop-first and dense: staff read long tables at a computer.
export const theme = createTheme({
  primaryColor: 'indigo',
  // Indigo 6 is 4.3:1 on white; shade 8 keeps links, buttons and badges above 4.5:1.
  primaryShade: 8,
  defaultRadius: 'sm',
  components: {
    ...accessibleComponents,
    Table: Table.extend({ defaultProps: { striped: true, highlightOnHover: true, verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } }),
  },
});

