/**
 * Cuts quoted history and signatures from the text of a reply, so the timeline
 * shows what the customer wrote now. The full original stays stored; this only
 * decides what is shown first. Forwarded content is never cut: it is what the
 * customer sends us.
 */

export interface StrippedText {
  body: string;
  /** True when something (quoted history, a signature) was cut. */
  trimmed: boolean;
}

/** "wrote:" in the languages we recognise (en, de, fr, es, nl, it, pt, sv, da/no). */
const WROTE = String.raw`(?:wrote|writes|schrieb|a\s+écrit|escribió|escribio|schreef|ha\s+scritto|escreveu|skrev)`;

/** Attribution lines: "On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:", "Op … schreef …:". */
const ATTRIBUTION = [
  new RegExp(String.raw`^(?:On|Am|Le|El|Op|Il|Em|Den|På)\s.{0,250}?${WROTE}(?:\s.{0,120})?\s*:\s*$`, "iu"),
  // Some clients put the name first: "Jane Example <jane@example.com> wrote:" / "… schrieb am …:"
  new RegExp(String.raw`^.{1,200}(?:<[^<>\s]+@[^<>\s]+>|@\S+)\s*${WROTE}(?:\s.{0,120})?\s*:\s*$`, "iu"),
];

const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht|Messaggio originale|Mensagem original)\s*-{2,}\s*$/iu;

const UNDERSCORE_SEPARATOR = /^\s*_{10,}\s*$/;

const FORWARD_MARKER = [
  /^\s*-{2,}\s*(?:Forwarded message|Forwarded Message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Doorgestuurd bericht)\s*-{2,}\s*$/iu,
  /^\s*Begin forwarded message\s*:\s*$/i,
  /^\s*Anfang der weitergeleiteten Nachricht\s*:\s*$/i,
  /^\s*Début du message réexpédié\s*:\s*$/iu,
];

/** The header lines of an Outlook-style quoted block, by language. */
const HEADER_FROM = /^\s*\*?(?:From|Von|De|Van|Da)\s*:\*?\s*\S/iu;
const HEADER_SENT = /^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Verzonden|Inviato|Data)\s*:\*?\s*\S/iu;
const HEADER_SUBJECT = /^\s*\*?(?:Subject|Betreff|Objet|Asunto|Onderwerp|Oggetto|Assunto)\s*:\*?\s*(.*)$/iu;
const FORWARD_SUBJECT = /^(?:fwd?|wg|tr|rv|doorst)\s*:/i;

const SIGNATURE_DELIMITER = /^--\s?$/;

/** The marker our own mails start with (outbox/templates.ts REPLY_MARKER), quoted or not. */
const OUR_REPLY_MARKER = /^[>\s]*##-\s*Reply above this line\s*-##\s*$/i;

const MOBILE_SIGNATURE = [
  /^\s*Sent from my (?:iPhone|iPad|iPod|Android|BlackBerry|Samsung|Galaxy|Huawei|Pixel|mobile|phone|smartphone)\b.*$/i,
  /^\s*Sent from (?:Outlook|Mail|Yahoo Mail|Gmail|AOL)\b.*(?:for|on) (?:iOS|Android|iPhone|iPad|Windows).*$/i,
  /^\s*Get Outlook for (?:iOS|Android)\s*$/i,
  /^\s*Sent (?:from|with) (?:my )?(?:mobile|phone)\b.*$/i,
  /^\s*Von meinem (?:iPhone|iPad|Android|Smartphone|Samsung).{0,40}gesendet\s*$/i,
  /^\s*Envoyé de mon (?:iPhone|iPad|Android|smartphone)\s*$/iu,
  /^\s*Enviado desde mi (?:iPhone|iPad|Android|smartphone)\s*$/i,
  /^\s*Verzonden (?:vanaf|met) mijn (?:iPhone|iPad|Android|smartphone)\s*$/i,
  /^\s*Inviato da(?:l mio)? (?:iPhone|iPad|Android)\s*$/i,
];

function isAttribution(line: string): boolean {
  return ATTRIBUTION.some((re) => re.test(line.trim()));
}

function isForwardMarker(line: string): boolean {
  return FORWARD_MARKER.some((re) => re.test(line));
}

/** An Outlook header block (From/Sent/To/Subject) starting at `i`, not of a forward. */
function headerBlockAt(lines: readonly string[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i] ?? "")) return false;
  let sent = false;
  for (let j = i + 1; j < Math.min(lines.length, i + 7); j++) {
    const line = lines[j] ?? "";
    if (HEADER_SENT.test(line)) sent = true;
    const subject = HEADER_SUBJECT.exec(line);
    if (subject) return sent && !FORWARD_SUBJECT.test((subject[1] ?? "").trim());
  }
  return false;
}

/** An attribution wrapped over two or three lines ("On …, Jane <\njane@example.com> wrote:"). */
function wrappedAttributionAt(lines: readonly string[], i: number): boolean {
  const first = (lines[i] ?? "").trim();
  if (!/^(?:On|Am|Le|El|Op|Il|Em|Den)\s/iu.test(first) || first === "") return false;
  let joined = first;
  for (let j = i + 1; j < Math.min(lines.length, i + 3); j++) {
    const next = (lines[j] ?? "").trim();
    if (next === "") return false;
    joined = `${joined} ${next}`;
    if (isAttribution(joined)) return true;
  }
  return false;
}

/** Where a trailing block of `>` quotes (blank lines allowed) begins, or -1. */
function trailingQuoteStart(lines: readonly string[], end: number): number {
  let start = -1;
  for (let i = end - 1; i >= 0; i--) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    if (line.startsWith(">")) start = i;
    else break;
  }
  return start;
}

function cutIndex(lines: readonly string[]): number {
  const forward = lines.findIndex(isForwardMarker);
  const end = forward < 0 ? lines.length : forward;
  for (let i = 0; i < end; i++) {
    const line = lines[i] ?? "";
    if (isAttribution(line) || wrappedAttributionAt(lines, i)) return i;
    if (ORIGINAL_MESSAGE.test(line) || OUR_REPLY_MARKER.test(line)) return i;
    if (UNDERSCORE_SEPARATOR.test(line)) {
      const next = lines.slice(i + 1, i + 3).findIndex((_, k) => headerBlockAt(lines, i + 1 + k));
      if (next >= 0) return i;
    }
    if (headerBlockAt(lines, i)) return i;
    if (SIGNATURE_DELIMITER.test(line)) return i;
    if (MOBILE_SIGNATURE.some((re) => re.test(line))) return i;
  }
  // Only a trailing quote block is cut: quotes between answers (inline replies) are context.
  if (forward < 0) {
    const quotes = trailingQuoteStart(lines, lines.length);
    if (quotes >= 0) return quotes;
  }
  return lines.length;
}

/** The reply without quoted history and signature; the original when everything would be cut. */
export function stripQuotedText(text: string): StrippedText {
  const normalised = text.replace(/\r\n?/g, "\n");
  const lines = normalised.split("\n");
  const cut = cutIndex(lines);
  if (cut >= lines.length) return { body: text, trimmed: false };
  const body = lines.slice(0, cut).join("\n").replace(/\s+$/u, "");
  const removed = lines.slice(cut).join("\n").trim();
  if (body.trim() === "" || removed === "") return { body: text, trimmed: false };
  return { body, trimmed: true };
}
