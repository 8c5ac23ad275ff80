/**
 * How the memory store keeps its records: frozen shallow copies, replaced on change, so they can
 * be handed out without copying again.
 *
 * Not `Object.freeze({ ...o })`: V8 gives every object made by spreading and then frozen (or
 * then given a property the source lacked) a hidden class of its own. Thousands of bookings and
 * slots each had one: megabytes of maps, and every read of their fields a megamorphic lookup.
 * Copying onto `{}` with Object.assign walks the shared transitions instead.
 */
export function frozenCopy<T extends object>(o: T, patch?: Partial<T>): Readonly<T> {
  const copy = Object.assign({}, o);
  if (patch) Object.assign(copy, patch);
  return Object.freeze(copy);
}
