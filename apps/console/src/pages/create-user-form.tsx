import { useState, type FormEvent } from 'react';
import type { Role } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { FormError } from '../shell/form-error';
import { RoleSelect } from '../shell/role-select';
import { useAction } from '../shell/use-action';

/** Creates a user with a password and a role; checks both before asking the node. */
export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const { admin } = useSession();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const action = useAction();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(userName.trim())) return action.setError('A user name is 1 to 64 letters, digits or . _ @ -.');
    if (password.length < 12) return action.setError('A password has at least 12 characters.');
    if (await action.run(() => admin.auth.createUser({ userName: userName.trim(), password, role }))) {
      setUserName('');
      setPassword('');
      onCreated();
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
        <RoleSelect value={role} onChange={setRole} />
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        Create user
      </button>
      <FormError message={action.error} />
    </form>
  );
}
