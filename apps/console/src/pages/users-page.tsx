import { useState } from 'react';
import type { TokenInfo, UserInfo } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { AsyncView } from '../shell/async-view';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { DataTable, type Column } from '../shell/data-table';
import { FormError } from '../shell/form-error';
import { PageSection } from '../shell/page-section';
import { RoleSelect } from '../shell/role-select';
import { Empty } from '../shell/states';
import { Time } from '../shell/time';
import { useAction } from '../shell/use-action';
import { useAsync } from '../shell/use-async';
import { CreateTokenForm } from './create-token-form';
import { CreateUserForm } from './create-user-form';

type Pending = { readonly kind: 'delete-user'; readonly user: UserInfo } | { readonly kind: 'revoke'; readonly token: TokenInfo };

/** Users and tokens (admin only): create, change roles, disable, delete; API tokens, revoke. */
export function UsersPage() {
  const session = useSession();
  const { admin } = session;
  const open = session.state.kind === 'ready' && session.state.open;
  const [users, reloadUsers] = useAsync(() => admin.auth.users(), [admin]);
  const [tokens, reloadTokens] = useAsync(() => admin.auth.tokens(), [admin]);
  const [pending, setPending] = useState<Pending | null>(null);
  const action = useAction();
  const [issued, setIssued] = useState<string | null>(null);

  if (open) return <Empty>This node has no authentication, so it has no users or tokens.</Empty>;

  const act = async (work: () => Promise<unknown>, after: () => void): Promise<boolean> => {
    const done = await action.run(work);
    if (done) after();
    return done;
  };
  const confirm = async (): Promise<void> => {
    if (pending === null) return;
    const done = pending.kind === 'delete-user' ? await act(() => admin.auth.deleteUser(pending.user.userName), reloadUsers) : await act(() => admin.auth.revokeToken(pending.token.tokenId), reloadTokens);
    if (done) setPending(null);
  };
  const ask = (next: Pending) => () => (action.setError(null), setPending(next));

  const userColumns: Column<UserInfo>[] = [
    { header: 'User', cell: (user) => user.userName },
    {
      header: 'Role',
      cell: (user) => <RoleSelect label={`role of ${user.userName}`} value={user.role} disabled={action.busy} onChange={(role) => void act(() => admin.auth.updateUser({ userName: user.userName, role }), reloadUsers)} />,
    },
    {
      header: 'Disabled',
      cell: (user) => (
        <input
          type="checkbox"
          aria-label={`${user.userName} disabled`}
          checked={user.disabled}
          disabled={action.busy}
          onChange={() => void act(() => admin.auth.updateUser({ userName: user.userName, disabled: !user.disabled }), reloadUsers)}
        />
      ),
    },
    { header: 'Last login', cell: (user) => <Time value={user.lastLoginAt} /> },
    { header: 'Created', cell: (user) => <Time value={user.createdAt} /> },
    {
      header: 'Actions',
      cell: (user) => (
        <button type="button" onClick={ask({ kind: 'delete-user', user })}>
          Delete…
        </button>
      ),
    },
  ];
  const tokenColumns: Column<TokenInfo>[] = [
    { header: 'Name', cell: (token) => token.name },
    { header: 'Kind', cell: (token) => token.kind },
    { header: 'Role', cell: (token) => token.role },
    { header: 'Owner', cell: (token) => token.owner },
    { header: 'Created', cell: (token) => <Time value={token.createdAt} /> },
    { header: 'Expires', cell: (token) => <Time value={token.expiresAt} /> },
    { header: 'Last used', cell: (token) => <Time value={token.lastUsedAt} /> },
    { header: 'Revoked', cell: (token) => <Time value={token.revokedAt} /> },
    {
      header: 'Actions',
      cell: (token) =>
        token.revokedAt === null ? (
          <button type="button" onClick={ask({ kind: 'revoke', token })}>
            Revoke…
          </button>
        ) : null,
    },
  ];

  return (
    <PageSection title="Users and tokens">
      {pending === null ? <FormError message={action.error} /> : null}
      <h2>Users</h2>
      <CreateUserForm onCreated={reloadUsers} />
      <AsyncView state={users} what="users" retry={reloadUsers} isEmpty={(data) => data.users.length === 0} empty="No user yet: create one above.">
        {(data) => <DataTable columns={userColumns} rows={data.users} rowKey={(user) => user.userName} rowMarks={(user) => ({ 'data-user': user.userName })} />}
      </AsyncView>
      <h2>Tokens</h2>
      <CreateTokenForm onCreated={(secret) => (setIssued(secret), reloadTokens())} />
      {issued !== null ? (
        <div className="notice" role="status">
          <p>The new token, shown this once: copy it now.</p>
          <code className="secret">{issued}</code>{' '}
          <button type="button" onClick={() => setIssued(null)}>
            Done
          </button>
        </div>
      ) : null}
      <AsyncView state={tokens} what="tokens" retry={reloadTokens} isEmpty={(data) => data.tokens.length === 0} empty="No token.">
        {(data) => <DataTable columns={tokenColumns} rows={data.tokens} rowKey={(token) => token.tokenId} rowMarks={(token) => ({ 'data-token': token.name })} />}
      </AsyncView>
      {pending !== null ? (
        <ConfirmDialog
          title={pending.kind === 'delete-user' ? `Delete user ${pending.user.userName}` : `Revoke token ${pending.token.name}`}
          confirmLabel={pending.kind === 'delete-user' ? 'Delete' : 'Revoke'}
          busy={action.busy}
          error={action.error}
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
    </PageSection>
  );
}
