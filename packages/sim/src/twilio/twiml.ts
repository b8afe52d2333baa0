import { XMLParser } from "fast-xml-parser";

/** What a caller simulator needs from a TwiML answer. */
export type ParsedTwiml = {
  /** `<Connect><Stream url>` with its `<Parameter>`s, when the call is to be streamed. */
  stream: { url: string; parameters: Record<string, string> } | null;
  /** Text of every `<Say>`, in order (including those inside `<Gather>`). */
  says: string[];
  /** `<Gather>`'s action URL when the answer waits for speech or digits. */
  gatherAction: string | null;
  /** Number or conference a `<Dial>` connects to. */
  dial: string | null;
  hangup: boolean;
};

type XmlNode = { [key: string]: XmlNode | XmlNode[] | string | undefined };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  parseTagValue: false,
  isArray: (name) => ["Parameter", "Say", "Gather", "Dial", "Connect", "Stream"].includes(name),
});

/** Parses a TwiML `<Response>`; throws with a clear message on anything that is not one. */
export function parseTwiml(xml: string): ParsedTwiml {
  const doc = parser.parse(xml) as XmlNode;
  const response = doc.Response;
  if (!response || typeof response !== "object" || Array.isArray(response)) {
    throw new Error(`Not a TwiML <Response>: ${xml.slice(0, 200)}`);
  }
  // Children named `name`; a text-only element (<Dial>+81…</Dial>) comes back as its text node.
  const nodes = (node: XmlNode, name: string): XmlNode[] => {
    const value = node[name];
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.map((v) => (typeof v === "string" ? { "#text": v } : v));
  };
  const text = (node: XmlNode | undefined): string => String(node?.["#text"] ?? "").trim();
  const attr = (node: XmlNode, name: string): string | null => {
    const value = node[`@${name}`];
    return typeof value === "string" ? value : null;
  };

  const streamNode = nodes(response, "Connect").flatMap((c) => nodes(c, "Stream"))[0];
  const stream = streamNode
    ? {
        url: attr(streamNode, "url") ?? "",
        parameters: Object.fromEntries(
          nodes(streamNode, "Parameter").map((p) => [attr(p, "name") ?? "", attr(p, "value") ?? ""]),
        ),
      }
    : null;
  const gather = nodes(response, "Gather")[0];
  const dial = nodes(response, "Dial")[0];
  return {
    stream,
    says: [...nodes(response, "Say"), ...(gather ? nodes(gather, "Say") : [])].map(text),
    gatherAction: gather ? attr(gather, "action") : null,
    dial: dial ? text(dial) || text(nodes(dial, "Number")[0] ?? nodes(dial, "Conference")[0]) : null,
    hangup: "Hangup" in response,
  };
}
