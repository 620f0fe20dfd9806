// The bench's HTTP client: node:http over kept-alive connections, the way a load generator calls a service.
// fetch (undici) in the same process costs about 1.5 ms of CPU per request on a 2-core host: that would count
// against the runner's own throughput, which is what the bench measures.
import { Agent, request } from "node:http";

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * POSTs a JSON body; answers the status and the parsed JSON answer. A kept-alive socket the server closed while
 * idle fails at once with ECONNRESET: that request is sent again on a new socket (as Node's docs advise; the
 * runner answers a repeated id from its record, never running it twice).
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  try {
    return await postOnce(url, headers, body);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET")
      return postOnce(url, headers, body);
    throw error;
  }
}

function postOnce(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          try {
            resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on("error", (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(payload);
  });
}
