import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/app';
import { DEMO_ACCOUNTS } from '../db/seed/demo-data';

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

const CYRILLIC = /[а-яё]/i;
const LEAKS = /\bat .+:\d+:\d+|QueryFailedError|column "|relation "|syntax error at or near|out of range for type/;

describe('client errors are 4xx with a typed code and a Russian message', () => {
  let t: TestServer;
  let parent: string;
  beforeAll(async () => {
    t = await startTestServer();
    parent = await t.login(DEMO_ACCOUNTS.parent);
  });
  afterAll(() => t.close());

  async function send(body: string, token?: string, contentType = 'application/json'): Promise<Answer> {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) };
  }
  const gql = (query: string, variables?: Record<string, unknown>, token?: string) => send(JSON.stringify({ query, variables }), token);

  function expectClientError(answer: Answer, code: string, message?: RegExp) {
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text).toBeLessThan(500);
    const [error] = answer.body.errors!;
    expect(error.extensions!.code).toBe(code);
    expect(error.message).toMatch(CYRILLIC);
    if (message) expect(error.message).toMatch(message);
    expect(answer.text).not.toMatch(LEAKS);
  }

  it('treats an explicit null orderBy as the default order', async () => {
    const res = await gql(`{ programs(filter: { text: "робот" }, orderBy: null) { totalCount } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it('refuses a cursor whose offset overflows, and a malformed one', async () => {
    const overflowing = Buffer.from('o:9999999999999999999999').toString('base64url');
    expectClientError(await gql(`query($after: String) { programs(after: $after) { totalCount } }`, { after: overflowing }), 'BAD_USER_INPUT', /курсор/);
    expectClientError(await gql(`{ programs(after: "%%%not-base64") { totalCount } }`), 'BAD_USER_INPUT', /курсор/);
  });

  it('refuses page sizes outside 1–100 before the database', async () => {
    expectClientError(await gql(`{ programs(first: 0) { totalCount } }`), 'BAD_USER_INPUT', /Размер страницы/);
    expectClientError(await gql(`{ programs(first: 3000000000) { totalCount } }`), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('answers an unknown enum value in Russian as a validation error', async () => {
    expectClientError(await gql(`{ programs(orderBy: CHEAPEST) { totalCount } }`), 'GRAPHQL_VALIDATION_FAILED');
    expectClientError(await gql(`query($o: ProgramOrder) { programs(orderBy: $o) { totalCount } }`, { o: 'CHEAPEST' }), 'BAD_USER_INPUT');
  });

  it('answers an impossible date in Russian, as a literal and as a variable', async () => {
    const input = `{ lastName: "Иванов", firstName: "Иван", birthDate: "2016-02-30", gender: MALE, snils: "112-233-445 95", municipalityId: "00000000-0000-0000-0000-000000000000" }`;
    expectClientError(await gql(`mutation { addChild(input: ${input}) { id } }`, undefined, parent), 'BAD_USER_INPUT', /2016-02-30.*не существует/);
    const variables = { input: { lastName: 'Иванов', firstName: 'Иван', birthDate: '2016-02-30', gender: 'MALE', snils: '112-233-445 95', municipalityId: '00000000-0000-0000-0000-000000000000' } };
    expectClientError(await gql(`mutation($input: AddChildInput!) { addChild(input: $input) { id } }`, variables, parent), 'BAD_USER_INPUT', /не существует/);
  });

  it('answers a malformed id, an unknown field and a syntax error with 400', async () => {
    expectClientError(await gql(`{ program(id: "not-a-uuid") { id } }`), 'BAD_USER_INPUT');
    expectClientError(await gql(`{ programs { nonsense } }`), 'GRAPHQL_VALIDATION_FAILED');
    expectClientError(await gql(`{ programs {`), 'GRAPHQL_PARSE_FAILED');
  });

  it('answers a missing sign-in with 401 and a foreign role with 403', async () => {
    expectClientError(await gql(`{ myChildren { id } }`), 'UNAUTHENTICATED');
    const staff = await t.login(DEMO_ACCOUNTS.staff);
    expectClientError(await gql(`{ myChildren { id } }`, undefined, staff), 'FORBIDDEN');
  });

  it('answers malformed JSON and an oversized body as JSON without a stack trace', async () => {
    const malformed = await send('{"query": "{ programs { totalCount } ');
    expectClientError(malformed, 'BAD_REQUEST', /JSON/);
    const huge = await send(JSON.stringify({ query: '{ programs { totalCount } }', variables: { x: 'я'.repeat(1_100_000) } }));
    expect(huge.status).toBe(413);
    expectClientError(huge, 'PAYLOAD_TOO_LARGE');
  });
});
