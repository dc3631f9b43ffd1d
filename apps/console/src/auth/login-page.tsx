import { useState, type FormEvent } from 'react';
import { useSession } from './session-context';

/**
 * Sign in with a user name and password (a session token from `login.json`), or with a token
 * (the bootstrap token the node printed at its first start, or an API token).
 */
export function LoginPage({ reason }: { reason: string | null }) {
  const session = useSession();
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (mode === 'password' && (userName.trim() === '' || password === '')) {
      setError('Enter a user name and a password.');
      return;
    }
    if (mode === 'token' && token.trim() === '') {
      setError('Paste a token.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (mode === 'password') await session.login(userName.trim(), password);
      else await session.loginWithToken(token.trim());
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">Artemis console</h1>
        {reason !== null ? (
          <p className="notice" role="status">
            {reason}
          </p>
        ) : null}
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={mode === 'password'} onClick={() => setMode('password')}>
            User and password
          </button>
          <button type="button" role="tab" aria-selected={mode === 'token'} onClick={() => setMode('token')}>
            Token
          </button>
        </div>
        {mode === 'password' ? (
          <>
            <label>
              User name
              <input name="userName" autoComplete="username" value={userName} onChange={(event) => setUserName(event.target.value)} autoFocus />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
            </label>
          </>
        ) : (
          <>
            <label>
              Token
              <input name="token" type="password" autoComplete="off" aria-describedby="token-hint" value={token} onChange={(event) => setToken(event.target.value)} autoFocus />
            </label>
            <span id="token-hint" className="hint">
              The bootstrap token is printed once in the node&apos;s log at its first start.
            </span>
          </>
        )}
        {error !== null ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
