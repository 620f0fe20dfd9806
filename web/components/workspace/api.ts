// The browser's side of /api/workspaces: every answer is parsed with the server's own view schemas.
import { readApiError } from "@/components/run/api";
import { EntryView, FileView, StaleWrite } from "@/lib/workspaces/view";

export class WorkspaceRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function send(url: string, method: string, body?: unknown): Promise<Response> {
  const response = await fetch(url, {
    method,
    cache: "no-store",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && response.status !== 409) {
    const error = await readApiError(response, "The server turned this down");
    throw new WorkspaceRequestError(error.message, error.status);
  }
  return response;
}

async function refuseConflict(response: Response): Promise<Response> {
  if (response.status !== 409) return response;
  const error = await readApiError(response, "This conflicts with what is saved");
  throw new WorkspaceRequestError(error.message, 409);
}

const base = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`;

export async function fetchTree(id: string) {
  const body = await (await send(base(id), "GET")).json();
  return { entry: String(body.workspace.entry), entries: EntryView.array().parse(body.entries) };
}

export async function fetchFile(id: string, path: string): Promise<FileView> {
  return FileView.parse(await (await send(`${base(id)}/files?path=${encodeURIComponent(path)}`, "GET")).json());
}

export async function createEntry(id: string, path: string, kind: "file" | "folder") {
  const response = await refuseConflict(await send(`${base(id)}/entries`, "POST", { path, kind }));
  return EntryView.parse((await response.json()).entry);
}

export async function moveEntry(id: string, from: string, to: string) {
  const response = await refuseConflict(await send(`${base(id)}/entries`, "PATCH", { from, to }));
  const body = await response.json();
  return { entry: String(body.entry), entries: EntryView.array().parse(body.entries) };
}

export async function deleteEntry(id: string, path: string): Promise<void> {
  await refuseConflict(await send(`${base(id)}/entries`, "DELETE", { path }));
}

export async function resetWorkspace(id: string) {
  const body = await (await send(`${base(id)}/reset`, "POST", {})).json();
  return EntryView.array().parse(body.entries);
}

/** Saves a file; a stale base answers `{ stale }` with what is saved instead. */
export async function writeFile(
  id: string,
  input: { path: string; content: string; baseVersion: number },
): Promise<{ version: number } | { stale: { content: string; version: number } }> {
  const response = await send(`${base(id)}/files`, "PUT", input);
  const body: unknown = await response.json();
  if (response.status === 409) {
    const stale = StaleWrite.safeParse(body);
    if (!stale.success) throw new WorkspaceRequestError((body as { error?: string }).error ?? "Not saved.", 409);
    return { stale: stale.data.current };
  }
  return { version: Number((body as { version: number }).version) };
}
