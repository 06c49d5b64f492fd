import type { GraphiQLProps } from 'graphiql';

/** The README's example operations («The GraphQL playground»), one tab each, so a first visit has something to run. */
export const exampleTabs: NonNullable<GraphiQLProps['defaultTabs']> = [
  {
    query: `# Public catalog search: works without signing in.
query Catalog {
  programs(filter: { text: "робототехника" }) {
    totalCount
    fuzzy
    edges { node { title certificatePaymentAvailable organization { shortName } } }
    facets { directions { value count } fundingTypes { value count } }
  }
}
`,
  },
  {
    query: `# Signs in; the «Вход» panel on the left does this and puts the token into the headers.
mutation Login {
  login(input: { email: "parent@demo.ru", password: "demo12345" }) { token }
}
`,
  },
];
