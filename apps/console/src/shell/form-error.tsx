/** A form's or an action's refusal, read out by screen readers; nothing when there is none. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (message === null || message === undefined) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
