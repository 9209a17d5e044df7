import { z } from 'zod';
import { isEmpty, toText, type Value } from '../values';
import type { FunctionDef } from './types';
import { L, noParams, port, result, scalar } from './shared';

type Segment = { text: string } | { name: string };

/**
 * Splits "{claimant}报销{type}" into literal text and placeholders. `{{` and `}}` stand for literal braces.
 * Returns an error message for a template the analyst most likely mistyped (unclosed brace, empty name).
 */
export function parseTemplate(template: string): Segment[] | string {
  const segments: Segment[] = [];
  let literal = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      literal += c;
      i++;
    } else if (c === '}') {
      return `unmatched "}" at position ${i + 1}; write "}}" for a literal brace`;
    } else if (c === '{') {
      const end = template.indexOf('}', i + 1);
      const name = end < 0 ? '' : template.slice(i + 1, end).trim();
      if (end < 0 || template.slice(i + 1, end).includes('{')) {
        return `unclosed "{" at position ${i + 1}; write "{{" for a literal brace`;
      }
      if (name === '' || name.includes('.')) return `placeholder "{${name}}" needs a name without dots`;
      if (literal) segments.push({ text: literal });
      literal = '';
      segments.push({ name });
      i = end;
    } else {
      literal += c;
    }
  }
  if (literal) segments.push({ text: literal });
  return segments;
}

function placeholderNames(template: string): string[] {
  const segs = parseTemplate(template);
  if (typeof segs === 'string') return [];
  return [...new Set(segs.flatMap((s) => ('name' in s ? [s.name] : [])))];
}

const templateSchema = z.object({
  template: z
    .string()
    .superRefine((t, ctx) => {
      const segs = parseTemplate(t);
      if (typeof segs === 'string') ctx.addIssue({ code: 'custom', message: segs });
    })
    .default(''),
});

const cp = (s: string): string[] => Array.from(s);
const textIn = [port('text', 'text', L('文本', 'Text'))];

/** Plain one-input text → text transformations. */
function simple(id: string, label: [string, string], description: [string, string], fn: (s: string) => string) {
  return scalar({
    id,
    category: 'text',
    label: L(...label),
    description: L(...description),
    params: [],
    paramsSchema: noParams,
    inputs: () => textIn,
    outputs: () => result('text'),
    build: () => (args) => fn(args[0] as string),
  });
}

export const TEXT_FUNCTIONS: FunctionDef<any>[] = [
  scalar({
    id: 'text.template',
    category: 'text',
    label: L('文本模板', 'Text template'),
    description: L('按模板拼出摘要，如 "{报销人}报销{类型}"，空值显示为空', 'Builds text such as a voucher summary from a template like "{claimant} claim {type}"; empty values print as nothing'),
    params: [
      {
        name: 'template',
        kind: 'text',
        label: L('模板', 'Template'),
        help: L('用 {名称} 插入字段，每个名称成为一个输入；{{ 和 }} 表示花括号本身', 'Each {name} becomes an input; write {{ and }} for literal braces'),
      },
    ],
    paramsSchema: templateSchema,
    nulls: 'pass',
    inputs: (p) => placeholderNames(p.template).map((n) => port(n, 'any', L(n, n))),
    outputs: () => result('text'),
    build: (p) => {
      const segs = parseTemplate(p.template);
      if (typeof segs === 'string') throw new Error(segs); // the schema already rejected this
      const index = new Map(placeholderNames(p.template).map((n, i) => [n, i]));
      // Resolved once: literal text, or the argument index of a placeholder.
      const parts = segs.map((s) => ('text' in s ? s.text : index.get(s.name)!));
      return (args) => {
        const out = new Array<string>(parts.length);
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          out[i] = typeof part === 'string' ? part : toText(args[part] ?? null);
        }
        return out.join('');
      };
    },
  }),
  scalar({
    id: 'text.concat',
    category: 'text',
    label: L('连接文本', 'Join text'),
    description: L('把多段文本用分隔符连起来，空值跳过（不会出现连续分隔符）', 'Joins texts with a separator, skipping empty ones so no doubled separators appear'),
    params: [{ name: 'separator', kind: 'text', label: L('分隔符', 'Separator') }],
    paramsSchema: z.object({ separator: z.string().default('') }),
    nulls: 'pass',
    inputs: () => [port('values', 'text', L('文本', 'Texts'), { variadic: true })],
    outputs: () => result('text'),
    build: (p) => (args) =>
      args
        .filter((v) => !isEmpty(v))
        .map((v) => toText(v))
        .join(p.separator),
  }),
  simple('text.trim', ['去除首尾空格', 'Trim spaces'], ['去掉开头和结尾的空格（含全角空格）、换行', 'Removes leading and trailing spaces (including full-width), tabs and line breaks'], (s) => s.trim()),
  scalar({
    id: 'text.substring',
    category: 'text',
    label: L('截取文本', 'Substring'),
    description: L('从第几个字开始取若干个字（汉字、表情各算一个字）', 'Takes characters from a start position (each Chinese character or emoji counts as one)'),
    params: [
      { name: 'start', kind: 'integer', label: L('起始位置', 'Start'), min: 1, help: L('第一个字为 1', 'The first character is 1') },
      { name: 'length', kind: 'integer', label: L('长度', 'Length'), min: 0, help: L('留空表示取到末尾', 'Leave empty to take the rest') },
    ],
    paramsSchema: z.object({ start: z.number().int().min(1).default(1), length: z.number().int().min(0).nullish() }),
    inputs: () => textIn,
    outputs: () => result('text'),
    build: (p) => (args) => {
      const chars = cp(args[0] as string).slice(p.start - 1);
      return (p.length == null ? chars : chars.slice(0, p.length)).join('');
    },
  }),
  scalar({
    id: 'text.replace',
    category: 'text',
    label: L('替换文本', 'Replace text'),
    description: L('把文本中出现的每一处"查找内容"换成"替换为"（按原文匹配）', 'Replaces every occurrence of a piece of text, matched literally'),
    params: [
      { name: 'find', kind: 'text', label: L('查找内容', 'Find') },
      { name: 'replace', kind: 'text', label: L('替换为', 'Replace with') },
    ],
    paramsSchema: z.object({ find: z.string().default(''), replace: z.string().default('') }),
    inputs: () => textIn,
    outputs: () => result('text'),
    build: (p) => (args) => (p.find === '' ? (args[0] as string) : (args[0] as string).split(p.find).join(p.replace)),
  }),
  scalar({
    id: 'text.pad',
    category: 'text',
    label: L('补足位数', 'Pad text'),
    description: L('不足指定长度时用字符补齐，如员工编号补零到 6 位；超长不截断', 'Fills up to a length with a character, e.g. employee codes zero-padded to 6; longer text is kept'),
    params: [
      { name: 'length', kind: 'integer', label: L('目标长度', 'Length'), min: 0 },
      { name: 'char', kind: 'text', label: L('补位字符', 'Fill character') },
      {
        name: 'side',
        kind: 'enum',
        label: L('补在哪边', 'Side'),
        options: [
          { value: 'left', label: L('左边', 'Left') },
          { value: 'right', label: L('右边', 'Right') },
        ],
      },
    ],
    paramsSchema: z.object({
      length: z.number().int().min(0).max(1000).default(0),
      char: z
        .string()
        .refine((c) => Array.from(c).length === 1, 'the fill must be exactly one character')
        .default('0'),
      side: z.enum(['left', 'right']).default('left'),
    }),
    inputs: () => textIn,
    outputs: () => result('text'),
    build: (p) => (args) => {
      const s = args[0] as string;
      const fill = p.char.repeat(Math.max(0, p.length - cp(s).length));
      return p.side === 'left' ? fill + s : s + fill;
    },
  }),
  scalar({
    id: 'text.truncate',
    category: 'text',
    label: L('限制长度', 'Truncate'),
    description: L('超过最大字数时截断，适合摘要等有长度限制的字段（汉字、表情各算一个字）', 'Cuts text to a maximum number of characters for length-limited fields such as summaries'),
    params: [{ name: 'max', kind: 'integer', label: L('最大字数', 'Maximum characters'), min: 0 }],
    paramsSchema: z.object({ max: z.number().int().min(0).default(60) }),
    inputs: () => textIn,
    outputs: () => result('text'),
    build: (p) => (args) => {
      const text = args[0] as string;
      if (text.length <= p.max) return text; // never more code points than UTF-16 units
      const chars = cp(text);
      return chars.length > p.max ? chars.slice(0, p.max).join('') : text;
    },
  }),
  simple('text.upper', ['转大写', 'Upper case'], ['把英文字母转成大写', 'Turns letters into capitals'], (s) => s.toUpperCase()),
  simple('text.lower', ['转小写', 'Lower case'], ['把英文字母转成小写', 'Turns letters into lower case'], (s) => s.toLowerCase()),
  scalar({
    id: 'text.toText',
    category: 'text',
    label: L('转为文本', 'To text'),
    description: L('把金额、数字、日期等转成文本，金额保留原有的每一位数字', 'Turns amounts, numbers or dates into text; amounts keep their exact digits'),
    params: [],
    paramsSchema: noParams,
    inputs: () => [port('value', 'any', L('值', 'Value'))],
    outputs: () => result('text'),
    build: () => (args) => toText(args[0] as Value),
  }),
];
