import { useState, type FormEvent } from 'react';
import { RouteStrategy, serviceKeyOf } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { parseGroupLines } from '../logic/group-lines';
import { FormError } from '../shell/form-error';
import { SuggestInput } from '../shell/suggest-input';
import { useAction } from '../shell/use-action';

/** The form creating a rule with its groups and unreleased weights; validated before sending. */
export function CreateRuleForm({ services, initialService, onCreated }: { services: readonly string[]; initialService: string; onCreated: () => void }) {
  const session = useSession();
  const live = useLive();
  const [open, setOpen] = useState(false);
  const [serviceId, setServiceId] = useState(initialService);
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<string>(RouteStrategy.weightedRoundRobin);
  const [lines, setLines] = useState('');
  const action = useAction();
  if (!session.can('operator')) return null;
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          New route rule…
        </button>
      </p>
    );
  }
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (serviceId.trim() === '' || name.trim() === '') {
      action.setError('Name the service and the rule.');
      return;
    }
    const first = live.state.services.get(serviceKeyOf(serviceId))?.instances.values().next().value;
    const groups = parseGroupLines(lines, serviceId.trim(), first?.instance.regionId ?? 'default');
    if (typeof groups === 'string') {
      action.setError(`Groups: ${groups}.`);
      return;
    }
    if (await action.run(() => session.admin.routeRules.create({ description: null, name: name.trim(), routeRuleId: null, serviceId: serviceId.trim(), status: 'active', strategy }, groups))) {
      setOpen(false);
      setName('');
      setLines('');
      onCreated();
    }
  };
  return (
    <form className="card create-rule" onSubmit={(event) => void submit(event)} aria-label="New route rule">
      <h2>New route rule</h2>
      <div className="toolbar">
        <SuggestInput label="Service" value={serviceId} onChange={setServiceId} options={services} />
        <label>
          Rule name
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Strategy
          <select value={strategy} onChange={(event) => setStrategy(event.target.value)}>
            <option value={RouteStrategy.weightedRoundRobin}>weighted round robin</option>
            <option value={RouteStrategy.closeByVisit}>close by visit</option>
          </select>
        </label>
      </div>
      <label>
        Groups, one per line: zone name weight (unreleased until you release)
        <textarea rows={3} value={lines} placeholder={'zone-a blue 90\nzone-a green 10'} onChange={(event) => setLines(event.target.value)} />
      </label>
      <FormError message={action.error} />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={action.busy}>
          Create
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
