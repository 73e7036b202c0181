"""The Chinese verb and cue lexicons, as data, and the traditional → simplified folding they match on.

Matching runs on simplified text. `simplify` uses OpenCC when it is installed and keeps the length
(so offsets stay valid); otherwise, and always after it, a one-to-one table of the traditional
characters this vocabulary needs. Entries are in priority order, as in `lexicon_en`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tracker.extract.lexicon_en import Entry

__all__ = ["CUES", "ENTRIES", "MODIFIERS", "OUTLETS", "REWRITE", "simplify"]

_TRADITIONAL = (
    "會見談訪問話視頻絕實體單暫復務國長職聯參謀戰區領導軍與議機製將計劃預沒並來據報華頓萬廈樓對協調擴壓認為說歡約應動鋒東"
    "週於後時這個們則稱發佈聲舉辦員選擔辭經雙關係題灣臺衛處邊決斷絡溝擊飛彈艦隊術習練號電線專門結開啟滯凍譴責評論嚴籲請須該"
    "當願準備擬達識進場過歷屆僅從業裡樣兩陸總統屬連續條氣變館讓遺組織權產購買羅漢臨網質誠顧礙興層級禮節贊價錢護輸設龍觀點島"
    "嶼亞歐盧紐舊魯廳園莊釣賓賽換鬥艙項針盡陣營憤異傳確轟簽贏聽講訊記錄獲頒歲綫劉趙鄭馮張楊陳黃韓蘇鄧葉謝紅遠衝險擾試爭優勢"
    "遲緩減輕釋訂貿稅費額顯謂細隨團眾闡"
)
_SIMPLIFIED = (
    "会见谈访问话视频绝实体单暂复务国长职联参谋战区领导军与议机制将计划预没并来据报华顿万厦楼对协调扩压认为说欢约应动锋东"
    "周于后时这个们则称发布声举办员选担辞经双关系题湾台卫处边决断络沟击飞弹舰队术习练号电线专门结开启滞冻谴责评论严吁请须该"
    "当愿准备拟达识进场过历届仅从业里样两陆总统属连续条气变馆让遗组织权产购买罗汉临网质诚顾碍兴层级礼节赞价钱护输设龙观点岛"
    "屿亚欧卢纽旧鲁厅园庄钓宾赛换斗舱项针尽阵营愤异传确轰签赢听讲讯记录获颁岁线刘赵郑冯张杨陈黄韩苏邓叶谢红远冲险扰试争优势"
    "迟缓减轻释订贸税费额显谓细随团众阐"
)
_TABLE = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


@cache
def _opencc() -> Any:
    try:
        import opencc  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        return opencc.OpenCC("t2s")
    except Exception:
        return None


def simplify(text: str) -> str:
    """`text` with traditional characters folded to simplified, always of the same length as `text`."""
    converter = _opencc()
    if converter is not None:
        converted = converter.convert(text)
        if len(converted) == len(text):
            text = converted
    return text.translate(_TABLE)


_P = "[^，。；！？,;]"  # any character within a clause
_MECH = "机制|工作组|工作小组|磋商"  # a standing mechanism, held in rounds

ENTRIES: tuple[Entry, ...] = (
    Entry("联合(?:军事)?(?:演习|演练|巡航)|军事合作(?!办公室|办|局|处|部)|人道主义(?:救援|援助)(?:演练)?|舰艇访问|港口访问", "military-cooperation"),
    # demands and appeals by their speaker: what follows in the clause is their content
    # (not 双方应加强沟通: what both sides should do, the speaker's side too, is a shared aim, not a demand; not
    # 美方必须为自己的错误付出代价: a threat of consequences, part of the protest; 呼吁美方停止…: an appeal to stop is a demand)
    Entry("要求|敦促|力促|促请|责成|奉劝|正告|呼吁(?=(?:美方|美国|中方|对方)(?:立即|尽快)?停止)"
          "|(?:美方|美国|中方|对方|华府|华盛顿)(?:应当|应该|应|必须|需要|须)(?=.)(?![^，。；]{0,16}付出代价)"
          # 美方不要干涉中国内政, 希望美方务必慎重处理: what the other side must or must not do, in the imperative
          "|(?:美方|美国|中方|对方|华府|华盛顿)(?:务必|切勿|切莫|不要|不得|决不能|绝不能)(?=.)"
          "|美方(?:也|同样|更)?要(?!求)(?=[\u4e00-\u9fff])", "demand",
          governs="demand"),
    Entry("呼吁|邀请|提议|倡议|建议", "appeal", governs="proposal"),
    # 中方没有接受美方提出的通话建议: an invitation or request not accepted is refused
    Entry("(?:没有|并未|未能|未|不|拒不)接受", "meeting-declined", governs="decline"),
    # 致电…，但对方没有回电, 拒接电话: a call not returned or not taken is a refused call
    Entry(f"(?:都|均|也|始终|一直)?(?:没有|并未|未|不|拒不)(?:回电|回复?{_P}{{0,6}}?电话|接(?:听)?(?:其|他们?的)?电话)"
          "|拒接(?:电话)?|拒绝接听", "meeting-declined"),
    # intent (CAMEO 036): agreeing to resume is not resuming
    # (not 双方同意的第三国: an attributive 同意的 names a place or a time, no agreement is told)
    Entry(r"(?:同意|一致同意|商定|约定)(?!的)(?:恢复|重启|举行|保持|开展|建立|会晤|会面|通话)?"
          # (两国元首同意维护人类对使用核武器决定的控制: an agreement on a policy, not to meet)
          r"(?=[^。]{0,40}?(?:恢复|重启|举行|保持|开展|建立|会晤|会面|通话|沟通|对话|交流|磋商|联系|访|机制|渠道|会谈))"
          r"|达成共识(?=[^。]{0,30}?(?:恢复|重启|举行|会晤|会面|通话|沟通|对话|机制|访))"
          # 就恢复海上军事安全磋商机制会议达成共识: the content before the words
          r"|就(?:恢复|重启|举行|建立)[^，。；]{0,30}?达成(?:了)?共识|接受(?:了)?(?:\S{1,6}?的)?邀请"
          "|互相邀请|相互邀请|互邀", "intent-to-meet",
          governs="intent"),
    # sanctions first: 取消制裁 is a lifting, not a cancelled meeting
    Entry(f"(?:取消|解除|撤销|停止){_P}{{0,12}}?制裁|(?:从|自)不可靠实体清单(?:中)?移出|移出不可靠实体清单", "sanction-lifted"),
    # 被列入清单的包括…, 制裁对象包括…: the list of an announcement, after the words
    Entry("(?:被)?列入(?:该|上述|这一)?(?:清单|名单)的?(?:实体|企业|机构|公司|人员|个人)?(?:包括|有)"
          "|(?:制裁|反制)(?:对象|名单)(?:还|也|则)?(?:包括|有)", "sanction-imposed"),
    Entry("制裁(?!法)|不可靠实体清单|出口管制管控名单|实体清单|拒绝令", "sanction-imposed"),  # 拒绝令: a denial order
    Entry("反制措施|反制|报复", "countermeasure"),
    Entry("取消|叫停|中止", "channel-suspended", status="cancelled", governs="cancel"),
    Entry("推迟|延后|延期", "talks", status="cancelled", governs="cancel"),
    Entry("暂停|停止|冻结|切断|中断", "channel-suspended"),
    Entry("停滞|陷入僵局|搁置", "channel-stalled"),
    Entry("恢复|重启|重新开启", "channel-resumed"),
    Entry("拒绝|婉拒|回绝|谢绝|拒不", "meeting-declined", governs="decline"),
    # offices
    Entry(f"(?:免去|撤销|罢免|解除){_P}{{0,30}}?职务|免职|撤职|被解职", "office-left"),
    Entry("卸任|离任|辞去|辞职|不再担任", "office-left", role="subject"),  # 布林肯卸任国务卿: the subject leaves
    # 被开除党籍、开除军籍: an officer expelled from the armed forces holds no military office any more
    Entry("开除军籍", "office-left", role="subject"),
    # 米利的任期于9月30日结束: a term that ends is its holder's departure
    Entry(f"任期(?:已|将)?(?:于{_P}{{1,12}}?)?(?:结束|届满)", "office-left", role="subject"),
    Entry("接替|接任", "office-left", role="object"),
    Entry("任命|担任|(?<!国)当选|(?:决定|增补|增选)(?=(?:[^，。、为]{2,6}、){0,8}[^，。、为]{2,6}等?为)", "office-assumed"),
    # (not 新任国防部长人选亦未有公布: a successor not yet named)
    Entry("使用(?=[「“]?[^，。；」”]{2,10}[」”]?头衔)|出任|被增补为|被增选为|宣誓就任|就任|宣誓就职|履新|接掌|新任(?=国防部长|部长)(?![^，。；]{0,8}人选[^，。；]{0,2}(?:未|没有|并未))",
          "office-assumed", role="subject"),
    # calls and meetings
    # (白宫发布的通话稿说: the readout of a call the report tells, no call of its own)
    # 以视频方式同拜登举行会晤: an encounter held by video is a call, whatever noun follows; not a round of a
    # mechanism held by video (以视频方式举行第16次…会谈, 工作组视频会议): that is a round of talks
    Entry(f"视频通话|电话通话|(?<!直)通电话|通了电话|电话交谈|视频连线|(?<!战区领导人)通话(?!稿|纪要)|视频会晤|(?<!机制)(?<!工作组)(?<!磋商)视频会议|视频会谈"
          f"|以视频(?:方式|形式|连线)(?!{_P}{{0,24}}?(?:第[0-9一二三四五六七八九十]+[次轮]|{_MECH}))"
          f"{_P}{{0,24}}?(?:会晤|会谈|会见)", "call"),
    Entry("会见|接见|会晤了|会晤|会面|见面|举行会晤|拜会|拜访", "meeting"),
    # (布林肯访问的确切日期: the date of a visit told elsewhere, no visit of its own)
    Entry("(?:访问|访华|访美|造访|到访|出访)(?!的?(?:确切|具体)?(?:日期|时间|时间表|细节))|前往", "meeting", role="guest"),
    Entry("(?:在|于)[^，。；]{1,20}?(?:接待|迎接)|接待|欢迎", "meeting", role="host"),
    # (举行2025年度中美海上军事安全磋商机制…会议: a year and the mechanism's full name before its word)
    Entry(f"(?:举行|进行)了?{_P}{{0,16}}?(?:会谈|磋商|对话|会议|战略沟通)|会谈"
          # (联席会议主席 is a title; 举行视频通话 is a call)
          # (香格里拉对话会期间曾举行会见: 对话会 is a forum, the 会见 after it a meeting)
          # (会议已两年未举行: a round not held is no round)
          # (磋商可在中国、美国或第三国轮流举行: where rounds may be held, no round)
          f"|(?:会议(?!主席)|磋商|对话(?!会))(?:(?![未没]|可(?:以|在|于)){_P}){{0,24}}?举行(?!了?(?:视频|电话|通话|通电话))", "talks"),
    # 共同主持对话, …与…参加。: the roster of the round the report has just told, every person named
    Entry("(?:共同)?主持(?:了)?(?:对话|会谈|磋商)|共同主持(?=[。；])|(?<=[\u4e00-\u9fff])参加(?=[。；])", "talks", role="roster"),
    # criticism and statements (not 坚决反对任何纵容…的言行: opposing a class of acts, no one named, is a position;
    # but 反对任何以…为名、危害中国主权和安全的行为 names the acts by the harm they do to the speaker's side)
    Entry("批评|指责|谴责|抨击|抗议|严正交涉|强烈不满|召见|归咎|责任全在"
          "|反对(?!任何(?![^。；]{0,40}?(?:危害|侵犯|损害|破坏)[^。；]{0,8}?(?:主权|安全)))|(?:表达|表示)了?(?:深切|严重|严正|强烈|高度)?"
          "(?:关切|关注|不满|愤慨)|深切关切|严重关切"
          # the words of a reproach (美方挑衅, 霸凌行径, 抹黑): whoever says them criticises
          "|挑衅|霸凌|霸权行径|抹黑|污蔑|诬蔑|无理|蛮横|双重标准|不安全、不专业|不专业|不负责任|痛批|斥责|怒斥|驳斥|粗暴干涉|冷战思维|零和思维|玩火(?!者?必自焚)|无端指责"
          # reproach without a verb of blame (美方没有资格居高临下, 说三道四, 干涉中国内政, 胁迫, 炒作)
          "|没有资格|没资格|居高临下|说三道四|指手画脚|颐指气使|干涉(?:中国)?内政|恃强凌弱|炒作|造谣"
          # 威胁地区和平稳定, 破坏台海和平稳定: a threat to peace laid at the other side's door
          # (a place is named: 避免采取破坏稳定的行动 only describes what a demand asks to stop)
          "|(?:威胁|破坏)(?:了)?(?:地区|世界|全球|台海|南海|亚太)(?:的)?(?:和平|稳定)"
          # 如美方一意孤行，必将承担由此产生的后果: the ministry's warning formula reproaches
          "|一意孤行|承担(?:由此(?:产生|引发|带来|造成)的)?(?:一切)?(?:严重)?后果"
          # 美国对华政策导致中美关系遭遇严重困难: the relations' trouble laid at the other side's policy
          f"|导致{_P}{{0,12}}?(?:遭遇|陷入|出现|面临){_P}{{0,6}}?(?:困难|困境|低谷|挫折|倒退)", "criticism"),
    # 美方行径严重违反…: the clause's subject is the one criticised, not the critic
    Entry("严重(?:违反|损害|破坏|违背|干涉)", "criticism", role="object"),
    Entry("(?:论坛|会议|峰会|讲话|演讲|研讨会)(?:上|中)?(?:表示|说|称|指出)|发表(?:了)?(?:声明|讲话|演讲|谈话)",
          "statement"),
    # what a party said in an encounter the report tells (kept only then: tracker.extract.spoken.readouts)
    # 阐述了中方在台湾问题上的立场 (a position expounded), 表明了…严正立场 (a stern one made plain): a position set out
    # to the other side (阐明了中方立场, a plain one only made clear, is none)
    Entry("表示|强调|警告|指出|说明|重申|阐述(?=[^，。；]{0,24}?立场)|(?:阐明|表明)(?=[^，。；]{0,24}?严正立场)"
          # (在会见董军时称，…: 称 after the encounter's 时 clause)
          "|(?<=[\u4e00-\u9fff])说(?=[，：])|(?<=时)称(?=[，：])", "statement", role="readout"),
)  # fmt: skip

# Words that change the role of the triggers after them: the other side invited (应约) or hosted.
MODIFIERS: tuple[tuple[str, str], ...] = (("应约|应邀|应.{1,12}?(?:邀请|之邀)", "invited"),)

CUES: dict[str, str] = {
    "background": "此前|曾经|曾|自[^，。]{1,20}?(?:以来|起)|\\d{4}年(?:\\d{1,2}月)?(?:起|以来)|去年|前年|早前|先前|以前|一年后|已经",
    "background_start": "^(?:此前|当时|早前|先前|去年|此后)",
    # 这将是…首次访华: the whole sentence looks ahead
    "expected_start": "^(?:这将是|这将|此访将|此行将)",
    # 原定…，…推迟: what was planned and then called off
    "planned": "原定|原计划|原本计划|本定",
    "expected": "(?<![中少上大])将(?![军领官士])(?![^，。]{0,20}?(?:列入|纳入|视为|作为|移出))|将于|拟|计划|预计|预定|准备|即将|下周|下月|原定|有望",
    "negation": "未|没有|没|并未|不会|不再|不(?![断仅少同久过但管论可])|尚未|未能|未有|无意",
    "hypothetical": "如果|若|假如|除非|是否|要是|能否|可能|如若|一旦|否则|先决条件",
    "proposal": "希望|寻求|试图|想要|提议|邀请|请求|期待|期望|愿意|愿同|愿与",
    "intent": "同意恢复|一致同意|商定|同意|约定|达成共识",
}

OUTLETS: tuple[tuple[str, ...], ...] = (
    ("Reuters", "路透社", "路透"), ("Associated Press", "美联社"), ("Agence France-Presse", "法新社"),
    ("Bloomberg", "彭博社", "彭博"), ("Xinhua", "新华社"), ("CNN", "美国有线电视新闻网"),
    ("The New York Times", "纽约时报"), ("The Wall Street Journal", "华尔街日报"), ("Financial Times", "金融时报"),
    ("Kyodo", "共同社"), ("South China Morning Post", "南华早报"), ("Global Times", "环球时报"),
    ("The Washington Post", "华盛顿邮报"), ("Politico", "政客"), ("BBC", "英国广播公司"),
    ("Deutsche Welle", "德国之声"), ("Nikkei", "日经"), ("CCTV", "央视"), ("Yonhap", "韩联社"),
)  # fmt: skip
REWRITE = "(?:据(?P<o1>{o})|(?P<o2>{o})(?:报道|报导|消息|援引|引述|独家报道|披露))"
