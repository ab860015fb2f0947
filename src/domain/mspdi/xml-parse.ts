/**
 * A small, strict, non-validating XML parser for MSPDI. It never expands entities: DOCTYPE (and with it every
 * entity declaration) is rejected; only the five predefined entities and numeric character references are decoded.
 */
import { MspdiError } from './mspdi-errors.js';

/** An element: name without namespace prefix, attributes, child elements and concatenated text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function lineOf(xml: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < xml.length; i++) if (xml.charCodeAt(i) === 10) line++;
  return line;
}

function fail(xml: string, pos: number, what: string): never {
  throw new MspdiError('MALFORMED_XML', `malformed XML at line ${lineOf(xml, pos)}: ${what}`);
}

/** Decodes predefined entities and character references; any other entity is an error (never expanded). */
export function decodeEntities(text: string, xml = text, pos = 0): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&([^;&\s]{0,12});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) fail(xml, pos, `bare "&" in text`);
    if (name.startsWith('#x') || name.startsWith('#X')) {
      const cp = parseInt(name.slice(2), 16);
      if (!Number.isFinite(cp) || cp > 0x10ffff) fail(xml, pos, `bad character reference &${name};`);
      return String.fromCodePoint(cp);
    }
    if (name.startsWith('#')) {
      const cp = parseInt(name.slice(1), 10);
      if (!Number.isFinite(cp) || cp > 0x10ffff) fail(xml, pos, `bad character reference &${name};`);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[name];
    if (v === undefined) fail(xml, pos, `undeclared entity &${name}; (entities are not expanded)`);
    return v;
  });
}

const localName = (qname: string): string => {
  const c = qname.indexOf(':');
  return c < 0 ? qname : qname.slice(c + 1);
};

/** Parses an XML document into its root element; throws MspdiError (MALFORMED_XML, DOCTYPE_FORBIDDEN). */
export function parseXml(xml: string): XmlElement {
  let pos = 0;
  const len = xml.length;
  if (xml.charCodeAt(0) === 0xfeff) pos = 1;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const textParts: string[][] = [];
  while (pos < len) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      if (xml.slice(pos).trim()) {
        if (!stack.length) fail(xml, pos, 'text outside the root element');
        textParts[textParts.length - 1].push(decodeEntities(xml.slice(pos), xml, pos));
      }
      break;
    }
    if (lt > pos) {
      const raw = xml.slice(pos, lt);
      if (stack.length) textParts[textParts.length - 1].push(decodeEntities(raw, xml, pos));
      else if (raw.trim()) fail(xml, pos, 'text outside the root element');
    }
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) fail(xml, lt, 'unterminated comment');
        pos = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) fail(xml, lt, 'unterminated CDATA section');
        if (!stack.length) fail(xml, lt, 'CDATA outside the root element');
        textParts[textParts.length - 1].push(xml.slice(lt + 9, end));
        pos = end + 3;
      } else if (xml.startsWith('<!DOCTYPE', lt) || xml.startsWith('<!ENTITY', lt)) {
        throw new MspdiError('DOCTYPE_FORBIDDEN', 'XML with a DOCTYPE or entity declarations is rejected (entities are never expanded)');
      } else fail(xml, lt, 'unexpected "<!"');
    } else if (c === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) fail(xml, lt, 'unterminated processing instruction');
      pos = end + 2;
    } else if (c === 47 /* / */) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) fail(xml, lt, 'unterminated end tag');
      const name = localName(xml.slice(lt + 2, end).trim());
      const el = stack.pop();
      if (!el || el.name !== name) fail(xml, lt, `unexpected </${name}>${el ? ` (expected </${el.name}>)` : ''}`);
      const parts = textParts.pop()!;
      el.text = parts.length === 1 ? parts[0] : parts.join('');
      pos = end + 1;
    } else {
      // start tag: scan to '>' honouring quoted attribute values
      let i = lt + 1;
      while (i < len) {
        const ch = xml.charCodeAt(i);
        if (ch === 62 /* > */) break;
        if (ch === 34 || ch === 39) {
          const q = xml.indexOf(ch === 34 ? '"' : "'", i + 1);
          if (q < 0) fail(xml, i, 'unterminated attribute value');
          i = q + 1;
        } else i++;
      }
      if (i >= len) fail(xml, lt, 'unterminated start tag');
      const selfClosing = xml.charCodeAt(i - 1) === 47;
      const body = xml.slice(lt + 1, selfClosing ? i - 1 : i);
      const m = /^([A-Za-z_][\w.:-]*)/.exec(body);
      if (!m) fail(xml, lt, 'invalid element name');
      const attributes: Record<string, string> = {};
      const attrText = body.slice(m[1].length);
      if (attrText.trim()) {
        const re = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/gy;
        let am: RegExpExecArray | null;
        let consumed = 0;
        while ((am = re.exec(attrText))) {
          attributes[am[1]] = decodeEntities(am[3] ?? am[4] ?? '', xml, lt);
          consumed = re.lastIndex;
        }
        if (attrText.slice(consumed).trim()) fail(xml, lt, `invalid attributes in <${m[1]}>`);
      }
      const el: XmlElement = { name: localName(m[1]), attributes, children: [], text: '' };
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail(xml, lt, 'more than one root element');
      else root = el;
      if (!selfClosing) {
        stack.push(el);
        textParts.push([]);
      }
      pos = i + 1;
    }
  }
  if (stack.length) fail(xml, len, `unclosed element <${stack[stack.length - 1].name}>`);
  if (!root) fail(xml, 0, 'no root element');
  return root;
}

/** First child element with this name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}

/** All child elements with this name. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}
