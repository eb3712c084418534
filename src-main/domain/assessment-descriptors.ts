/**
 * What each score of each GB/T 42195-2022 item means, as short reminders for the assessor:
 * index n of an item's list is the meaning of score n (0 … the item's maximum). Higher is
 * more able, as in the item table (assessment.ts). Written in our own words after the
 * standard's definitions; the paper standard stays the authority.
 */
import type { AssessmentItemKey } from './assessment';

export interface ScoreDescriptor {
  zh: string;
  en: string;
}

type D = readonly ScoreDescriptor[];

/** The 0–4 help scale most self-care and mobility items share, with the activity named. */
function helpScale(zhAct: string, enAct: string, zh0 = `完全依赖他人${zhAct}`, en0 = `Wholly dependent on others to ${enAct}`): D {
  return [
    { zh: zh0, en: en0 },
    { zh: `大部分需他人帮助${zhAct}`, en: `Needs help with most of it (${enAct})` },
    { zh: `部分需他人帮助${zhAct}`, en: `Needs help with part of it (${enAct})` },
    { zh: `需他人提示、准备或在旁看护`, en: `Can ${enAct} with prompting, set-up or someone watching` },
    { zh: `独立完成，无需帮助`, en: `Does it alone, without help` },
  ];
}

/** Continence: 4 in control … 0 no control at all (or a catheter / stoma managed by others). */
function continence(zh: string, en: string): D {
  return [
    { zh: `完全失禁，或需他人处理${zh}`, en: `No ${en} control, or others manage it` },
    { zh: `多数时候失禁`, en: `Incontinent most of the time` },
    { zh: `经常失禁（每周 1 次及以上）`, en: `Often incontinent (once a week or more)` },
    { zh: `偶尔失禁（少于每周 1 次）`, en: `Occasionally incontinent (less than weekly)` },
    { zh: `能自行控制${zh}`, en: `Full ${en} control` },
  ];
}

export const ASSESSMENT_DESCRIPTORS: Record<AssessmentItemKey, D> = {
  eating: helpScale('进食', 'eat', '完全靠他人喂食，或经鼻饲/胃管进食', 'Fed entirely by others, or tube-fed'),
  grooming: helpScale('洗脸、刷牙、梳头、剃须', 'wash face, brush teeth, comb, shave'),
  bathing: helpScale('洗澡', 'bathe'),
  dressingUpper: helpScale('穿脱上衣', 'put on and take off upper clothes'),
  dressingLower: helpScale('穿脱裤子和鞋袜', 'put on and take off trousers, shoes and socks'),
  urinaryControl: continence('小便', 'bladder'),
  bowelControl: continence('大便', 'bowel'),
  toileting: helpScale('如厕（含便后清洁、整理衣裤）', 'use the toilet (cleaning up, adjusting clothes)'),
  bedPosition: helpScale('在床上翻身、坐起', 'turn over and sit up in bed', '卧床不能自行改变体位，全靠他人', 'Bed-bound, cannot change position at all without others'),
  bedChairTransfer: helpScale('在床与椅子之间转移', 'move between bed and chair'),
  walking: helpScale('在平地上行走', 'walk on level ground', '不能行走，或只能卧床/坐轮椅由他人推动', 'Cannot walk; bed-bound or pushed in a wheelchair'),
  stairs: [
    { zh: '不能上下楼梯', en: 'Cannot use stairs' },
    { zh: '需他人搀扶才能上下楼梯', en: 'Uses stairs only when someone supports them' },
    { zh: '需扶扶手、拐杖或有人在旁看护', en: 'Needs a handrail, a stick or someone watching' },
    { zh: '独立上下楼梯', en: 'Uses stairs alone' },
  ],
  timeOrientation: [
    { zh: '没有时间观念', en: 'No sense of time' },
    { zh: '只能分清白天和黑夜', en: 'Tells only day from night' },
    { zh: '知道季节或上午/下午，说不准日期', en: 'Knows the season or morning/afternoon, not the date' },
    { zh: '知道年月，日期或星期偶有说错', en: 'Knows the year and month; sometimes wrong on the day or weekday' },
    { zh: '清楚知道年、月、日和星期', en: 'Knows the year, month, day and weekday' },
  ],
  placeOrientation: [
    { zh: '在自己房间里也会迷失', en: 'Lost even in their own room' },
    { zh: '只认得自己的房间或床位', en: 'Finds only their own room or bed' },
    { zh: '只在住处附近不会迷路', en: 'Finds their way only close to where they live' },
    { zh: '在熟悉的地方不会迷路', en: 'Finds their way in familiar places' },
    { zh: '能在陌生地方认路、找到目的地', en: 'Finds their way in unfamiliar places' },
  ],
  personOrientation: [
    { zh: '谁都认不出，包括自己', en: 'Recognises nobody, not even themselves' },
    { zh: '只认得自己，偶尔认得亲人', en: 'Knows only themselves, at times their family' },
    { zh: '只认得家人和照护者', en: 'Recognises only family and carers' },
    { zh: '认得熟人，偶尔叫错称呼或关系', en: 'Recognises acquaintances, sometimes mixes up names or relations' },
    { zh: '认得熟人，也能分清陌生人的身份', en: 'Recognises acquaintances and can tell who a stranger is' },
  ],
  memory: [
    { zh: '几乎什么都记不住', en: 'Remembers almost nothing' },
    { zh: '近事和往事都大多遗忘', en: 'Forgets most recent and past events' },
    { zh: '近事大多遗忘，往事尚能记得', en: 'Forgets most recent events, still recalls the past' },
    { zh: '偶尔忘记近期发生的事', en: 'Sometimes forgets recent events' },
    { zh: '近事和往事都记得清楚', en: 'Remembers recent and past events well' },
  ],
  comprehension: [
    { zh: '完全不能理解别人的话', en: 'Understands nothing others say' },
    { zh: '只能理解个别简单的词或手势', en: 'Understands only a few simple words or gestures' },
    { zh: '需反复解释才能理解简单的话', en: 'Understands simple sentences only after repeating' },
    { zh: '能理解日常的话，复杂内容需解释', en: 'Understands everyday speech; complex matters need explaining' },
    { zh: '能理解复杂的话和要求', en: 'Understands complex speech and requests' },
  ],
  expression: [
    { zh: '完全不能表达', en: 'Cannot express anything' },
    { zh: '只能用个别词、声音或手势表达', en: 'Only single words, sounds or gestures' },
    { zh: '能说简单的话，但常词不达意', en: 'Simple sentences, often not getting the meaning across' },
    { zh: '能表达日常需要，复杂意思有困难', en: 'Expresses everyday needs; complex ideas are hard' },
    { zh: '能清楚、完整地表达意思', en: 'Expresses themselves clearly and fully' },
  ],
  aggression: [
    { zh: '近一个月有攻击行为（打骂、伤人、毁物等）', en: 'Aggressive in the last month (hitting, abuse, damage)' },
    { zh: '近一个月没有攻击行为', en: 'No aggression in the last month' },
  ],
  depression: [
    { zh: '有抑郁表现（情绪低落、兴趣减退、自责等）', en: 'Shows depressive signs (low mood, lost interest, self-blame)' },
    { zh: '没有抑郁表现', en: 'No depressive signs' },
  ],
  consciousness: [
    { zh: '昏睡或昏迷，难以或无法唤醒', en: 'Stuporous or comatose, hard or impossible to wake' },
    { zh: '嗜睡或意识模糊，唤醒后能简单应答', en: 'Drowsy or confused; answers simply when woken' },
    { zh: '神志清醒，应答切题', en: 'Alert, answers to the point' },
  ],
  vision: [
    { zh: '几乎看不见，或只能感觉光亮', en: 'Nearly blind, or sees only light' },
    { zh: '看不清报纸字，但能辨认较大物体', en: 'Cannot read print but can make out large objects' },
    { zh: '能看清报纸上的字（可戴眼镜）', en: 'Reads newspaper print (glasses allowed)' },
  ],
  hearing: [
    { zh: '几乎听不见', en: 'Hears almost nothing' },
    { zh: '需提高音量或戴助听器才能听清', en: 'Hears only when spoken to loudly or with a hearing aid' },
    { zh: '正常交谈能听清', en: 'Hears normal conversation' },
  ],
  dailyAffairs: [
    { zh: '完全不能处理日常事务（购物、理财、做饭等）', en: 'Cannot manage daily affairs at all (shopping, money, cooking)' },
    { zh: '大部分日常事务需他人代办', en: 'Others do most of their daily affairs' },
    { zh: '部分日常事务需他人帮助', en: 'Needs help with some daily affairs' },
    { zh: '基本能自理，偶尔需他人帮助', en: 'Mostly manages, occasionally needs help' },
    { zh: '能独立处理日常事务', en: 'Manages daily affairs alone' },
  ],
  transportation: [
    { zh: '不能外出，或只能由他人接送', en: 'Cannot go out, or only when driven by others' },
    { zh: '需他人陪同并帮助才能乘车', en: 'Travels only with someone who helps them' },
    { zh: '能乘车，但需他人陪同', en: 'Can ride, but needs company' },
    { zh: '能独自乘公交、出租车或驾车外出', en: 'Travels alone by bus, taxi or car' },
  ],
  socialInteraction: [
    { zh: '完全不能与人交往', en: 'Cannot interact with others at all' },
    { zh: '很少与人交往，需他人引导', en: 'Rarely interacts; needs others to draw them in' },
    { zh: '能与熟人简单交往，较被动', en: 'Simple, passive contact with people they know' },
    { zh: '能参与社交，偶有不当', en: 'Takes part socially, sometimes inappropriately' },
    { zh: '主动参与社交，交往得体', en: 'Takes part actively and appropriately' },
  ],
};

/** The meaning of one score, or undefined outside the item's range. */
export function scoreDescriptor(key: AssessmentItemKey, score: number): ScoreDescriptor | undefined {
  return ASSESSMENT_DESCRIPTORS[key][score];
}
