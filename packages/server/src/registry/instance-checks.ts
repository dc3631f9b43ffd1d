import { describeInstance, ErrorCode, isBlank, RegistryOperation, type FailedInstance, type Instance } from '@artemis/core';

/**
 * The checks an instance must pass on its own inside a batch (docs/java-reference.md §2.1
 * `InstanceChecker`); a failing instance fails alone. Null when the instance passes.
 */
export function checkInstance(operation: RegistryOperation, instance: Instance): FailedInstance | null {
  // The common case, a heartbeat or unregister naming its instance, allocates nothing.
  if (operation !== RegistryOperation.register && !isBlank(instance.serviceId) && !isBlank(instance.instanceId)) return null;
  const missing: string[] = [];
  if (isBlank(instance.serviceId)) missing.push('serviceId');
  if (isBlank(instance.instanceId)) missing.push('instanceId');
  if (operation === RegistryOperation.register && isBlank(instance.url)) missing.push('url');
  if (missing.length > 0) {
    return failed(instance, ErrorCode.badRequest, `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} null or empty`);
  }
  if (operation === RegistryOperation.register && !URL.canParse(instance.url as string)) {
    return failed(instance, ErrorCode.badRequest, `url is not a valid URL: ${String(instance.url)}`);
  }
  return null;
}

/** A {@link FailedInstance} whose message starts with the instance, as Java's do. */
export function failed(instance: Instance, errorCode: ErrorCode, reason: string): FailedInstance {
  return { errorCode, errorMessage: `${describeInstance(instance)}: ${reason}`, instance };
}
