/** Placeholder replaced by the bench implementation in this session. */
export async function benchCommand(_o: Record<string, unknown>): Promise<void> {
  throw new Error("helpline bench is not implemented yet");
}
