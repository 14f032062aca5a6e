/**
 * Realistic questions of our own (beyond the scorer's dev sample), across all five articles: Chinese,
 * English-only, Traditional, mixed and misspelt. A case passes when a hit within `within` contains one
 * of the `expect` phrases in its section, passage or quote (compared like the scorer: NFKC, lower case,
 * no white space).
 */
export interface RankingCase {
  query: string;
  expect: string[];
  within: 1 | 3 | 5;
}

export const RANKING_CASES: RankingCase[] = [
  { query: "为什么选择留在 Lyft 而不是开公司", expect: ["决定留在 Lyft,不开公司"], within: 3 },
  { query: "why is extensibility important", expect: ["可扩展性"], within: 3 },
  { query: "end user driven open source", expect: ["终端用户驱动的开源软件", "最终用户驱动的开源软件"], within: 3 },
  { query: "雲原生的定義是什麼", expect: ["让应用能够最大化的释放云计算生产力", "云原生定义"], within: 3 },
  { query: "KubeSphere 的收入来源", expect: ["主要收入来源"], within: 3 },
  { query: "Kubesphre 发展阶段", expect: ["早期采纳者", "鸿沟理论"], within: 3 },
  { query: "ToB 公司最难的是什么", expect: ["最难的是找到愿意尝鲜的用户"], within: 3 },
  { query: "Istio 商标移交", expect: ["移交至Open Usage Commons", "把品牌和专利移交给OUC"], within: 3 },
  { query: "service mesh", expect: ["Service Mesh", "服务网格"], within: 1 },
  // The author's name is in every passage's article context: the passage that answers wins, not one that names him.
  { query: "what did Matt Klein regret", expect: ["感到遗憾", "不后悔"], within: 1 },
  { query: "follow the customer", expect: ["跟随客户", "跟着客户"], within: 1 },
  { query: "make money from open source", expect: ["收入"], within: 3 },
  { query: "mechanisms not people", expect: ["靠机制而不是靠人"], within: 3 },
  { query: "Matt Klein 为什么离开 Twitter", expect: ["离开了 Twitter"], within: 3 },
  { query: "KusionStack 是什么", expect: ["可编程云原生协议栈"], within: 3 },
  { query: "etcd 的作者是谁", expect: ["etcd 作者", "参与创建了 etcd"], within: 3 },
  { query: "Kube-OVN", expect: ["Kube-OVN"], within: 1 },
  { query: "software quality", expect: ["质量确实很重要", "软件质量"], within: 3 },
  { query: "how is a community's tone set", expect: ["社区的基调"], within: 3 },
  { query: "Kusion 这个名字的含义", expect: ["来源于 fusion"], within: 3 },
  { query: "容器编排三分天下", expect: ["三分天下"], within: 1 },
  { query: "社區是擴大規模的唯一途徑", expect: ["唯一途径"], within: 1 },
  { query: "边缘计算 OpenYurt", expect: ["OpenYurt"], within: 3 },
  { query: "what is crossing the chasm", expect: ["鸿沟理论"], within: 3 },
  { query: "employer expectations burnout", expect: ["雇主和雇员之间不匹配的期望", "合理的期望"], within: 3 },
  { query: "k8s 声明式 API", expect: ["声明式 API"], within: 3 },
  { query: "Lyft 迁移到微服务", expect: ["微服务架构", "微服务迁移"], within: 3 },
  { query: "国内开源的发展还有哪些不足", expect: ["需要提升的地方"], within: 3 },
];

/** Questions the corpus cannot answer: channel Q&A must stay quiet (no strong hit). */
export const OFF_TOPIC = [
  "今天天气怎么样",
  "how do I bake bread",
  "午饭吃什么好",
  "明天下午几点开会?",
  "recommend a good movie",
  "我的猫为什么不吃饭",
  "有人在吗",
  "这个 bug 怎么修",
  "帮我看下这个 PR",
  "build is failing on CI",
];

/** On-topic questions: the best hit must be strong enough to volunteer in a channel. */
export const ON_TOPIC = [
  "怎么避免职业倦怠",
  "开源项目什么时候应该考虑治理问题",
  "微服务架构的本质是什么",
  "开源和商业是什么关系",
  "KusionStack 是什么",
  "how do I avoid burnout",
  "what is a service mesh",
  "团队远程办公有什么问题",
  "what is etcd",
  "Kube-OVN 是做什么的",
];

/** The scorer's comparison: NFKC, lower case, white space removed. */
export function normalizeForMatch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}
