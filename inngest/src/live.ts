// Who may watch a run live (the runner's `viewer`, the user id a live ticket names). The web app mints
// tickets with the same function, so the two never disagree.

/**
 * A signed-in user's run: that user. An anonymous run is owned by whoever holds its unguessable id (the
 * executions API works the same way), so its viewer is a name derived from that id.
 */
export function liveViewerOf(execution: { id: string; userId: string | null }): string {
  return execution.userId ?? `anonymous:${execution.id}`;
}
