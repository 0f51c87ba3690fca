import { networkExchange, type AnswerHeaders, type Exchange } from "./exchange";

/** LeadConnector's only accepted API version for the contacts endpoints. */
export const API_VERSION = "2021-07-28";

export type LeadConnectorCall = {
  /** What was sent, without the token: kept with the attempt. */
  request: { method: string; url: string; body?: unknown };
  durationMs: number;
} & (
  | { kind: "response"; status: number; headers: AnswerHeaders; body: string; json: unknown }
  | { kind: "timeout"; error: string }
  | { kind: "network"; error: string }
);

export type LeadConnectorClient = {
  /** `POST /contacts/` */
  createContact(body: object): Promise<LeadConnectorCall>;
  /** `GET /contacts/search/duplicate`: the contact with this email or phone, if any. */
  findDuplicate(query: { locationId: string; email?: string; number?: string }): Promise<LeadConnectorCall>;
  /** `POST /contacts/{id}/tags`: adds tags without removing the contact's others. */
  addTags(contactId: string, tags: string[]): Promise<LeadConnectorCall>;
  /** `DELETE /contacts/{id}` (scope contacts.write): for a person's erasure request. */
  deleteContact(contactId: string): Promise<LeadConnectorCall>;
  /** `GET /locations/{id}/customFields?model=contact` (scope `locations/customFields.readonly`): the location's contact custom fields. */
  listCustomFields(locationId: string): Promise<LeadConnectorCall>;
};

export type ClientOptions = {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** The transport: the network by default, the in-process sandbox when no token is configured. */
  exchange?: Exchange;
};

export function createLeadConnectorClient({ baseUrl, token, timeoutMs, exchange = networkExchange }: ClientOptions): LeadConnectorClient {
  async function call(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<LeadConnectorCall> {
    const url = `${baseUrl}${path}`;
    const request = body === undefined ? { method, url } : { method, url, body };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const answer = await exchange({
        method,
        url,
        headers: {
          Authorization: `Bearer ${token}`,
          Version: API_VERSION,
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs,
      });
      return { kind: "response", request, durationMs: elapsed(), ...answer, json: parseJson(answer.body) };
    } catch (error) {
      const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
      if (err.name === "TimeoutError") return { kind: "timeout", request, durationMs: elapsed(), error: `No answer within ${timeoutMs} ms` };
      const code = err.code ?? err.cause?.code;
      return { kind: "network", request, durationMs: elapsed(), error: [code, err.cause?.message ?? err.message].filter(Boolean).join(": ") };
    }
  }

  return {
    createContact: (body) => call("POST", "/contacts/", body),
    findDuplicate: ({ locationId, email, number }) => {
      const query = new URLSearchParams({ locationId });
      if (email) query.set("email", email);
      if (number) query.set("number", number);
      return call("GET", `/contacts/search/duplicate?${query}`);
    },
    addTags: (contactId, tags) => call("POST", `/contacts/${encodeURIComponent(contactId)}/tags`, { tags }),
    deleteContact: (contactId) => call("DELETE", `/contacts/${encodeURIComponent(contactId)}`),
    listCustomFields: (locationId) => call("GET", `/locations/${encodeURIComponent(locationId)}/customFields?model=contact`),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
