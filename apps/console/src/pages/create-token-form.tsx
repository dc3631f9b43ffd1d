import { useState, type FormEvent } from 'react';
import type { Role } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { FormError } from '../shell/form-error';
import { RoleSelect } from '../shell/role-select';
import { useAction } from '../shell/use-action';

/** Creates an API token for a program; hands its secret (shown once) to `onCreated`. */
export function CreateTokenForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { admin } = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') return action.setError('Name the token after the program that uses it.');
    if (days.trim() !== '' && !(/^\d+$/.test(days.trim()) && Number(days) > 0)) return action.setError('Days is a whole number above 0, or empty for no expiry.');
    let secret = '';
    const created = await action.run(async () => {
      secret = (await admin.auth.createToken({ name: name.trim(), role, ...(days.trim() === '' ? {} : { expiresInSeconds: Number(days) * 86_400 }) })).token ?? '';
    });
    if (created) {
      setName('');
      onCreated(secret);
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
        <RoleSelect value={role} onChange={setRole} />
      </label>
      <label>
        Expires in (days)
        <input value={days} inputMode="numeric" size={5} placeholder="never" onChange={(event) => setDays(event.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        Create token
      </button>
      <FormError message={action.error} />
    </form>
  );
}
