import { useGraphiQL } from '@graphiql/react';
import type { GraphiQLPlugin } from '@graphiql/react';
import { type FormEvent, useState } from 'react';

const LOGIN = `mutation PlaygroundLogin($input: LoginInput!) { login(input: $input) { token } }`;

/** The headers the playground sends once signed in: the API reads the bearer token before the cookie. */
function bearerHeaders(headersJson: string, token: string): string {
  let headers: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(headersJson || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) headers = parsed as Record<string, unknown>;
  } catch {
    // Half-typed headers are replaced rather than kept broken.
  }
  return JSON.stringify({ ...headers, Authorization: `Bearer ${token}` }, null, 2);
}

function SignIn() {
  const headerEditor = useGraphiQL((s) => s.headerEditor);
  const [email, setEmail] = useState('parent@demo.ru');
  const [password, setPassword] = useState('demo12345');
  const [status, setStatus] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('Входим…');
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } }),
    });
    const body = (await res.json()) as { data?: { login: { token: string } }; errors?: { message: string }[] };
    const token = body.data?.login.token;
    if (!token) {
      setStatus(body.errors?.[0]?.message ?? `Ошибка HTTP ${res.status}`);
      return;
    }
    headerEditor?.setValue(bearerHeaders(headerEditor.getValue(), token));
    setStatus(`Вошли как ${email}: токен добавлен в заголовки (Headers).`);
  }

  return (
    <form onSubmit={submit} className="playground-sign-in">
      <div className="graphiql-doc-explorer-title">Вход</div>
      <p>Войдите демо-пользователем: токен попадёт в заголовок Authorization запросов.</p>
      <label>
        Электронная почта
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" />
      </label>
      <label>
        Пароль
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      <button type="submit" className="graphiql-button">
        Войти
      </button>
      <p role="status">{status}</p>
    </form>
  );
}

function KeyIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="8" cy="15" r="4" />
      <path d="M11 12l9-9m-3 3l3 3m-6 0l2 2" />
    </svg>
  );
}

export const SIGN_IN_PLUGIN: GraphiQLPlugin = { title: 'Вход', icon: KeyIcon, content: SignIn };
