import { Roles, type Role } from '@artemis/core';

/** A select of the roles (viewer, operator, admin). */
export function RoleSelect({ value, onChange, label, disabled }: { value: Role; onChange: (role: Role) => void; label?: string; disabled?: boolean }) {
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Role)}>
      {Roles.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
