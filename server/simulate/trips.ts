/**
 * What a travel claim of the demo company (seated in Shanghai) is made of: destinations with how one gets there
 * and where one stays, and each expense type's usual amount and deductible VAT. The simulator draws from these so
 * a simulated claim reads like one a finance clerk sees.
 */
import { includedVat } from './money';
import type { Prng } from './prng';

interface Destination {
  city: string;
  /** Reached by air (with a flight and the two airports' names) or by high-speed train. */
  air?: { flight: string; from: string; to: string; fareFen: [number, number] };
  train?: { number: string; from: string; to: string; fareFen: [number, number] };
  hotels: string[];
  nightFen: [number, number];
  purposes: string[];
}

export const DESTINATIONS: readonly Destination[] = [
  { city: '北京', air: { flight: 'MU5101', from: '上海虹桥', to: '北京首都', fareFen: [68000, 248000] }, hotels: ['北京国贸商务酒店', '全季酒店(北京望京店)'], nightFen: [38000, 68000], purposes: ['参加中国国际广告展', '拜访京东集团采购部', '参加行业峰会'] },
  { city: '深圳', air: { flight: 'CZ3588', from: '上海浦东', to: '深圳宝安', fareFen: [72000, 215000] }, hotels: ['深圳南山科技园亚朵酒店', '维也纳国际酒店(深圳会展中心店)'], nightFen: [36000, 62000], purposes: ['拜访华南区经销商', '参加高交会', '客户项目验收'] },
  { city: '成都', air: { flight: '3U8962', from: '上海虹桥', to: '成都天府', fareFen: [75000, 198000] }, hotels: ['成都春熙路桔子酒店', '成都高新希尔顿欢朋酒店'], nightFen: [29000, 52000], purposes: ['西南区销售会议', '供应商现场审核'] },
  { city: '杭州', train: { number: 'G7311', from: '上海虹桥', to: '杭州东', fareFen: [7300, 11700] }, hotels: ['杭州西溪宾馆', '汉庭酒店(杭州滨江店)'], nightFen: [26000, 48000], purposes: ['拜访阿里云渠道部', '参加云栖大会'] },
  { city: '南京', train: { number: 'G7001', from: '上海', to: '南京南', fareFen: [13950, 23300] }, hotels: ['南京新街口金陵饭店', '如家精选(南京夫子庙店)'], nightFen: [27000, 56000], purposes: ['客户培训', '江苏区经销商年会'] },
  { city: '武汉', train: { number: 'G1722', from: '上海虹桥', to: '武汉', fareFen: [43800, 72000] }, hotels: ['武汉光谷凯悦嘉轩酒店'], nightFen: [32000, 55000], purposes: ['研发联合调试', '华中区市场调研'] },
  { city: '广州', air: { flight: 'CZ3524', from: '上海虹桥', to: '广州白云', fareFen: [69000, 189000] }, hotels: ['广州天河希尔顿欢朋酒店', '广交会威斯汀酒店'], nightFen: [35000, 78000], purposes: ['参加广交会', '拜访广汽研究院'] },
];

export const ORIGIN = '上海';

/** Deductible VAT rates (%) by expense type; `null` where the invoice carries none a company may deduct. */
const VAT: Record<string, number[] | null> = {
  机票: [9],
  火车票: [9],
  住宿费: [6, 0],
  市内交通: [3, 0],
  出差补贴: null,
  // Entertainment VAT is never deductible in China.
  业务招待费: null,
  办公用品: [13, 0],
  通讯费: [9, 6],
};

/** The tax of a row of that expense type: its deductible VAT in fen, or null when the claimant leaves it empty. */
export function taxFor(prng: Prng, type: string, grossFen: number): number | null {
  const rates = VAT[type];
  if (rates === undefined) return prng.chance(0.5) ? includedVat(grossFen, 6) : null;
  if (rates === null) return null;
  const rate = prng.pick(rates);
  return rate === 0 ? null : includedVat(grossFen, rate);
}

export interface RowIdea {
  type: string;
  description: string;
  fen: number;
  /** days after the trip's first day */
  day: number;
}

const round = (fen: number, to: number) => Math.max(to, Math.round(fen / to) * to);

/**
 * The rows of one trip of `days` days: the journey out and back, the hotel, local transport and allowance, now and
 * then a business meal or office supplies. Only types the company's table lists are used (others are left out).
 */
export function tripRows(prng: Prng, dest: Destination, days: number, knownTypes: readonly string[]): RowIdea[] {
  const rows: RowIdea[] = [];
  const known = (t: string) => knownTypes.includes(t);
  if (dest.air && known('机票')) {
    const a = dest.air;
    rows.push({ type: '机票', description: `${a.from}-${a.to} ${a.flight} 经济舱`, fen: round(prng.int(a.fareFen[0], a.fareFen[1]), 1000), day: 0 });
    if (days > 1 && prng.chance(0.8))
      rows.push({ type: '机票', description: `${a.to}-${a.from} 返程 经济舱`, fen: round(prng.int(a.fareFen[0], a.fareFen[1]), 1000), day: days - 1 });
  } else if (dest.train && known('火车票')) {
    const t = dest.train;
    const fare = prng.int(t.fareFen[0], t.fareFen[1]);
    rows.push({ type: '火车票', description: `${t.from}-${t.to} ${t.number} 二等座`, fen: round(fare, 50), day: 0 });
    rows.push({ type: '火车票', description: `${t.to}-${t.from} 返程 二等座`, fen: round(fare, 50), day: days - 1 });
  }
  const nights = days - 1;
  if (nights > 0 && known('住宿费')) {
    const perNight = round(prng.int(dest.nightFen[0], dest.nightFen[1]), 100);
    rows.push({ type: '住宿费', description: `${prng.pick(dest.hotels)} ${nights}晚`, fen: perNight * nights, day: nights });
  }
  if (known('市内交通') && prng.chance(0.7)) {
    const rides = prng.int(1, 2 + days);
    rows.push({ type: '市内交通', description: `${dest.city}市内网约车 ${rides} 次`, fen: rides * prng.int(1800, 6500), day: prng.int(0, days - 1) });
  }
  if (known('出差补贴') && prng.chance(0.4)) rows.push({ type: '出差补贴', description: `${dest.city}出差补贴 ${days}天×100元`, fen: days * 10000, day: days - 1 });
  if (known('业务招待费') && prng.chance(0.2))
    rows.push({ type: '业务招待费', description: `宴请${dest.city}客户 ${prng.int(3, 8)}人`, fen: round(prng.int(30000, 260000), 100), day: prng.int(0, days - 1) });
  if (known('通讯费') && prng.chance(0.1)) rows.push({ type: '通讯费', description: '出差期间流量包', fen: prng.pick([3000, 5000, 10000]), day: 0 });
  if (known('办公用品') && prng.chance(0.1))
    rows.push({ type: '办公用品', description: '展会物料打印', fen: round(prng.int(2000, 80000), 10), day: 0 });
  // A table that lists none of the travel types still gets a claim: one row of any type the company has.
  if (rows.length === 0) rows.push({ type: prng.pick(knownTypes), description: `${dest.city}出差费用`, fen: prng.int(5000, 200000), day: 0 });
  return rows;
}
