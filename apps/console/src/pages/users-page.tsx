import { useState, type FormEvent } from 'react';
import { Roles, type Role, type TokenInfo, type UserInfo } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { Empty, ErrorState, Loading } from '../shell/states';
import { Time } from '../shell/time';
import { useAsync } from '../shell/use-async';

const errorText = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));

type Pending = { readonly kind: 'delete-user'; readonly user: UserInfo } | { readonly kind: 'revoke'; readonly token: TokenInfo };

/** Users and tokens (admin only): create, change roles, disable, delete; API tokens, revoke. */
export function UsersPage() {
  const session = useSession();
  const { admin } = session;
  const open = session.state.kind === 'ready' && session.state.open;
  const [users, reloadUsers] = useAsync(() => admin.auth.users(), [admin]);
  const [tokens, reloadTokens] = useAsync(() => admin.auth.tokens(), [admin]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<string | null>(null);

  if (open) return <Empty>This node has no authentication, so it has no users or tokens.</Empty>;

  const act = async (work: () => Promise<unknown>, after: () => void): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      after();
      return true;
    } catch (failure) {
      setError(errorText(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (): Promise<void> => {
    if (pending === null) return;
    const done = pending.kind === 'delete-user' ? await act(() => admin.auth.deleteUser(pending.user.userName), reloadUsers) : await act(() => admin.auth.revokeToken(pending.token.tokenId), reloadTokens);
    if (done) setPending(null);
  };

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users and tokens</h1>
      {error !== null && pending === null ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <h2>Users</h2>
      <CreateUser onCreated={reloadUsers} />
      {users.status === 'loading' ? (
        <Loading what="users" />
      ) : users.status === 'error' ? (
        <ErrorState error={users.error} retry={reloadUsers} />
      ) : users.data.users.length === 0 ? (
        <Empty>No user yet: create one above.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th>Disabled</th>
                <th>Last login</th>
                <th>Created</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => (
                <tr key={user.userName} data-user={user.userName}>
                  <td>{user.userName}</td>
                  <td>
                    <select
                      aria-label={`role of ${user.userName}`}
                      value={user.role}
                      disabled={busy}
                      onChange={(event) => void act(() => admin.auth.updateUser({ userName: user.userName, role: event.target.value as Role }), reloadUsers)}
                    >
                      {Roles.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${user.userName} disabled`}
                      checked={user.disabled}
                      disabled={busy}
                      onChange={() => void act(() => admin.auth.updateUser({ userName: user.userName, disabled: !user.disabled }), reloadUsers)}
                    />
                  </td>
                  <td>
                    <Time value={user.lastLoginAt} />
                  </td>
                  <td>
                    <Time value={user.createdAt} />
                  </td>
                  <td>
                    <button type="button" onClick={() => (setError(null), setPending({ kind: 'delete-user', user }))}>
                      Delete…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Tokens</h2>
      <CreateToken onCreated={(secret) => (setIssued(secret), reloadTokens())} />
      {issued !== null ? (
        <div className="notice" role="status">
          <p>The new token, shown this once: copy it now.</p>
          <code className="secret">{issued}</code>{' '}
          <button type="button" onClick={() => setIssued(null)}>
            Done
          </button>
        </div>
      ) : null}
      {tokens.status === 'loading' ? (
        <Loading what="tokens" />
      ) : tokens.status === 'error' ? (
        <ErrorState error={tokens.error} retry={reloadTokens} />
      ) : tokens.data.tokens.length === 0 ? (
        <Empty>No token.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Role</th>
                <th>Owner</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th>Revoked</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.tokenId} data-token={token.name}>
                  <td>{token.name}</td>
                  <td>{token.kind}</td>
                  <td>{token.role}</td>
                  <td>{token.owner}</td>
                  <td>
                    <Time value={token.createdAt} />
                  </td>
                  <td>
                    <Time value={token.expiresAt} />
                  </td>
                  <td>
                    <Time value={token.lastUsedAt} />
                  </td>
                  <td>
                    <Time value={token.revokedAt} />
                  </td>
                  <td>
                    {token.revokedAt === null ? (
                      <button type="button" onClick={() => (setError(null), setPending({ kind: 'revoke', token }))}>
                        Revoke…
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pending !== null ? (
        <ConfirmDialog
          title={pending.kind === 'delete-user' ? `Delete user ${pending.user.userName}` : `Revoke token ${pending.token.name}`}
          confirmLabel={pending.kind === 'delete-user' ? 'Delete' : 'Revoke'}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        >
          <p>
            {pending.kind === 'delete-user'
              ? `${pending.user.userName} (${pending.user.role}) can no longer sign in; their sessions end.`
              : `Every program using ${pending.token.name} (${pending.token.role}, owned by ${pending.token.owner}) is refused from now on, on every node.`}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { admin } = useSession();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(userName.trim())) return setError('A user name is 1 to 64 letters, digits or . _ @ -.');
    if (password.length < 12) return setError('A password has at least 12 characters.');
    setBusy(true);
    setError(null);
    try {
      await admin.auth.createUser({ userName: userName.trim(), password, role });
      setUserName('');
      setPassword('');
      onCreated();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card inline" onSubmit={(event) => void submit(event)} aria-label="Create a user">
      <label>
        User name
        <input value={userName} autoComplete="off" onChange={(event) => setUserName(event.target.value)} />
      </label>
      <label>
        Password
        <input type="password" value={password} autoComplete="new-password" onChange={(event) => setPassword(event.target.value)} />
      </label>
      <label>
        Role
        <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {Roles.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Create user
      </button>
      {error !== null ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function CreateToken({ onCreated }: { onCreated: (secret: string) => void }) {
  const { admin } = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') return setError('Name the token after the program that uses it.');
    if (days.trim() !== '' && !(/^\d+$/.test(days.trim()) && Number(days) > 0)) return setError('Days is a whole number above 0, or empty for no expiry.');
    setBusy(true);
    setError(null);
    try {
      const answer = await admin.auth.createToken({ name: name.trim(), role, ...(days.trim() === '' ? {} : { expiresInSeconds: Number(days) * 86_400 }) });
      setName('');
      onCreated(answer.token ?? '');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card inline" onSubmit={(event) => void submit(event)} aria-label="Create an API token">
      <label>
        Token name
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Role
        <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {Roles.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
      </label>
      <label>
        Expires in (days)
        <input value={days} inputMode="numeric" size={5} placeholder="never" onChange={(event) => setDays(event.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Create token
      </button>
      {error !== null ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
