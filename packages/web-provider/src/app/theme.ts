import { createTheme, Table } from '@mantine/core';

// Desktop-first and dense: staff read long tables at a computer.
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  components: {
    Table: Table.extend({ defaultProps: { striped: true, highlightOnHover: true, verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } }),
  },
});
