"""The English verb and cue lexicons, as data: what `tracker.extract.lexicon` compiles and matches.

Each `Entry` is a regular expression (matched case-insensitively, on word boundaries) with the kind it
signals. Order is priority: at one position the first entry that matches wins, so specific phrases
("called off", "agreed to resume", "port call") come before the bare verbs they contain.
"""

from __future__ import annotations

from typing import NamedTuple

from tracker.extract.cues_en import CUES, MODIFIERS, OUTLETS, REWRITE

__all__ = ["CUES", "ENTRIES", "MODIFIERS", "OUTLETS", "REWRITE", "Entry"]


class Entry(NamedTuple):
    """One lexicon entry: a pattern and what a match of it means.

    `role`: the grammatical subject's role (host, guest, initiator, invited, object: the fact concerns the
    object, as "replacing Wei" means Wei left). `governs`: what the entry does to the triggers after it in
    its clause (demand: they are the content of a demand; intent: agreed to, so expected; decline: they
    were refused; cancel: they were called off; proposal: only sought).
    """

    pattern: str
    kind: str
    role: str | None = None
    status: str | None = None
    passive: bool = False
    governs: str | None = None


_V = r"(?:s|ed|ing)?"  # a regular verb's endings
_GAP = r"|(?<!-year )(?<!-month )(?<!-week )(?<!long )(?<!after a )"  # a suspension noun not told as a gap

ENTRIES: tuple[Entry, ...] = (
    # cooperation before "call"/"visit": a port call is not a phone call
    Entry(
        r"joint (?:military |naval |maritime )?(?:exercises?|drills?|patrols?)|port (?:call|visit)s?"
        r"|ship visits?|search[- ]and[- ]rescue (?:exercise|drill)s?|(?-i:military cooperation)",
        "military-cooperation",
    ),
    # demands, appeals: what follows them in the clause is their content, not an act
    Entry(
        r"(?<!video )(?<!phone )(?<!a )call(?:s|ed|ing)? on(?! (?:\w+day|the (?:phone|sidelines))\b)"
        # (not "urged Asian allies to spend more": a demand of third parties is none of the other side's)
        r"|urg(?:e|es|ed|ing)(?! (?:[\w-]+ ){0,2}?(?:allies|partners|friends|neighbou?rs|lawmakers|members)\b)"
        # (not "The request was made …": the noun tells an earlier request, not one made now)
        # (not "denied requests for port visits": the other side's request, answered)
        r"|demand(?:s|ed|ing)?|(?<!denied )(?<!rejected )(?<!refused )(?<!declined )(?<!granted )(?<!approved )"
        # (not "postponed at Washington's request": a possessive request with no content is a reason told)
        r"(?:(?<!['’]s )|(?=requests? (?:that|to|for)\b))request(?<!\bthe request)(?<!\ba request)(?:s|ed|ing)?"
        r"|(?:press|push)(?:es|ed)? (?:\w+ ){1,3}?(?:on \w+day )?to\b|press(?:es|ed|ing)? for|push(?:es|ed|ing)? for"
        # "told the United States to stop …": an order, told by what it orders stopped
        r"|(?:told|warned) (?:[\w.]+ ){1,3}?(?:on \w+day )?to (?=(?:immediately |not )?(?:stop|halt|cease|end|refrain|withdraw)\b)"
        # "said the United States should …", "including that Washington must not …": a demand of the other side
        r"|(?:told \w+ )?(?:the )?(?:united states|u\.s\.(?: side)?|washington|china"
        r"|beijing|the chinese side) (?:should|must|needs? to)(?: not)?(?= [\"“‘]?(?-i:[a-z]))"
        r"|ask(?:s|ed)? (?:\w+ ){1,4}?(?:on \w+day )?to|insist(?:s|ed)?",
        "demand",
        governs="demand",
    ),
    # an invitation withdrawn is a cancellation (of what it covered), not an appeal
    Entry(
        r"(?:withdr[ae]wn?|withdraws|rescind(?:s|ed)?|revok(?:e|es|ed)) (?:[\w’']+ ){0,2}?invitation",
        "channel-suspended",
        status="cancelled",
        governs="cancel",
    ),
    # "failed to attend talks under the MMCA", "boycotted the meeting": staying away from a round is refusing it
    # (not a forum: "did not attend the Shangri-La Dialogue" is no bilateral encounter)
    Entry(
        r"(?:failed to|did not|didn['’]t|refused to) attend(?=(?: [\w'’-]+){0,4}? (?:talks|meetings?|consultations|round)\b)"
        r"|boycott(?:s|ed|ing)?(?=(?: [\w'’-]+){0,4}? (?:talks|meetings?|consultations|round)\b)",
        "meeting-declined",
        governs="decline",
    ),
    # "did not accept the invitation": a refusal, told by its negation
    Entry(
        r"(?:did not|didn['’]t|has not|hasn['’]t|have not|haven['’]t|had not|would not|will not|won['’]t) accept",
        "meeting-declined",
        governs="decline",
    ),
    # invitations given and taken: an agreement to meet (CAMEO 036), not an appeal
    Entry(
        r"(?:each )?invited (?:the other|each other)|exchanged invitations|accept(?:s|ed|ing)? (?:an |the |a )?"
        r"invitation",
        "intent-to-meet",
        governs="intent",
    ),
    Entry(
        r"call(?:s|ed|ing)? (?:on \w+day )?for|appeal(?:s|ed)?(?: to| for)?|invit(?:e|es|ed|ing|ation)|propos(?:e|es|ed)",
        "appeal",
        governs="proposal",
    ),
    # intent (CAMEO 036): an agreement to meet or resume is not the meeting or the resumption
    Entry(
        r"(?:agree|decide)(?:s|d)?(?: \w+){0,3}? to (?:resume|restore|reopen|re-?establish|restart|hold|meet|establish"
        r"|set up|maintain|continue|keep (?:talking|the (?:[\w-]+ )?(?:channels?|lines?)|(?:lines of )?communication))|agree(?:s|d)? (?:on|to) (?:a |the )?(?:resumption|restoration|meeting|call)"
        r"|agree(?:s|d)?(?: \w+){0,2}? that (?=[^.;]{0,100}?\bwould (?:talk|speak|meet|hold|visit|resume))"
        r"|agree(?:s|d)?(?: \w+){0,2}? to (?:have (?:their|the) teams follow up|stay in (?:close )?(?:touch|contact)"
        r"|keep (?:the )?(?:lines of )?communication)"
        # "an agreement Biden and Xi reached in November to hold talks …": the agreement told as a noun
        r"|committed(?: \w+){0,2}? to (?:resuming|restoring|reopening|holding)"
        r"|agreement(?: [\w.'’-]+){0,8}? (?:reached|struck)(?: [\w-]+){0,3}? to (?:resume|restore|hold|restart|reopen)",
        "intent-to-meet",
        governs="intent",
    ),
    # cancellations and suspensions of channels
    Entry(
        # "had called the talks off": the object may sit between the verb and its particle
        r"call(?:s|ed|ing)? (?:[\w-]+ ){0,5}?off\b"
        r"|cancel(?:s|ed|led|ing|ling|lation)?|scrap(?:s|ped|ping)?",
        "channel-suspended",
        status="cancelled",
        governs="cancel",
    ),
    Entry(
        r"postpon(?:e|es|ed|ing)|delay(?:s|ed|ing)?|put(?:s|ting)? off\b(?! by)",
        "talks",
        status="cancelled",
        governs="cancel",
    ),
    Entry(r"(?:froze|freez(?:e|es|ing)) (?:the )?assets of", "sanction-imposed"),
    Entry(
        # (not "resumed after a two-year freeze": the gap a resumption ends is no new suspension)
        r"suspend" + _V + _GAP + r"suspension|halt" + _V + r"|pull(?:s|ed)? the plug on|shut(?:s|ting)? down"
        r"|cut(?:s|ting)? off|froze|frozen" + _GAP + r"freeze|freez(?:es|ing)",
        "channel-suspended",
    ),
    Entry(r"(?:have|has|had|remain(?:s|ed)?) stalled|remain(?:s|ed)? frozen|stall(?:s|ed)|stalling", "channel-stalled"),
    Entry(
        r"resum(?:e|es|ed|ing|ption)|restor(?:e|es|ed|ing)|restoration|reopen" + _V + r"|re-?establish(?:es|ed|ing)?"
        r"|restart" + _V + r"|reviv(?:e|es|ed|ing)"
        r"|return(?:s|ed)?(?=(?: on \w+day)? after (?:a |an )?[\w-]+ (?:hiatus|pause|break|gap))",
        "channel-resumed",
    ),
    # refusals
    Entry(
        r"declin(?:e|es|ed|ing)(?! to (?:comment|elaborate|say|respond|give|provide|discuss))|refus(?:e|es|ed|ing)"
        r"|reject(?:s|ed|ing)?|snubb(?:ed|ing)|snubs?|turn(?:s|ed)? down|rebuff(?:s|ed)?",
        "meeting-declined",
        governs="decline",
    ),
    # sanctions and countermeasures
    Entry(
        r"lift(?:s|ed|ing)? (?:\w+ ){0,3}?sanctions?|remov(?:e|es|ed|ing) (?:\w+ ){0,4}?from (?:the |its )?"
        r"(?:entity|sdn|unreliable entity) list",
        "sanction-lifted",
    ),
    Entry(
        r"(?:impos|announc|slapp|levi|plac)(?:e|es|ed|ing|y|ies)? (?:\w+ ){0,3}?sanctions?"
        r"|sanctioned|sanctioning|under (?:\w+\.?\w*\.? ){0,2}sanctions|(?:to|will|would) sanction"
        r"|(?:add(?:s|ed|ing)?|put(?:s|ting)?|plac(?:e|es|ed|ing)) (?:[\w()&.,'-]+ ){0,60}?(?:to|on) (?:the |its |an? )?"
        r"(?:trade |export |investment )?(?:(?:entity|sdn|unreliable entity|export control|sanctions) list|blacklist)"
        # "hit Raytheon with sanctions", "was hit with Chinese sanctions", "banned Northrop from doing business in China"
        r"|hit(?= (?:[\w.&-]+ ){0,4}?with (?:\w+ ){0,2}?sanctions)|bann(?:ed|ing)(?= (?:[\w.&-]+ ){1,5}?from (?:doing business|investing|trading))"
        # "named A, B and C among those to be sanctioned": the list stands between the two words
        r"|nam(?:e|es|ed|ing) (?:[\w()&.,'-]+ ){1,60}?(?:among|as) (?:those|the (?:\w+ )?(?:entities|organi[sz]ations"
        r"|groups|individuals|people|targets)) (?:to be |being |that (?:will|would) be )?sanctioned"
        r"|blacklist(?:s|ed|ing)?"
        # "had also designated Zhu Hailun … under the Global Magnitsky Act": a designation under a sanctions law
        r"|designat(?:e|es|ed|ing)(?=[^.;]{0,200}?\b(?:under (?:the )?(?-i:(?:(?:[A-Z][\w.-]* ){1,5}(?:Act|Order)|CAATSA"
        r"|IEEPA)\b)|pursuant to (?:the )?(?-i:(?:Executive Order|E\.O\.|Section) \d)))",  # "…, pursuant to E.O. 13818"
        "sanction-imposed",
    ),
    Entry(r"countermeasures?|counter-measures?|retaliat(?:e|es|ed|ing|ion|ory)", "countermeasure"),
    # offices
    Entry(
        r"remov(?:e|es|ed|ing) (?:\w+ ){0,4}?as|dismiss(?:es|ed|ing)?|sack(?:s|ed)|oust(?:s|ed)|fired|terminated"
        # "stripped former foreign minister Qin Gang of his post as state councillor"
        r"|stripp?(?:s|ed|ing)? (?:[\w.'’-]+ ){0,6}?of (?:his|her|their) (?:posts?|titles?|positions?|seats?) as"
        r"|stripped of (?:his|her) (?:[\w-]+ ){1,3}?(?:title|post|position)\b"
        # "was relieved of his duties as", "removed Li from his post as": a departure worded by the post
        r"|reliev(?:e|es|ed|ing) (?:[\w.'’-]+ ){0,4}?of (?:his|her|their) (?:duties|command|posts?|positions?) as"
        r"|remov(?:e|es|ed|ing) (?:[\w.'’-]+ ){0,4}?from (?:his|her|their|the) (?:posts?|positions?|jobs?) (?:as|of)",
        "office-left",
    ),
    Entry(
        r"stepp?(?:s|ed)? down|resign(?:s|ed|ing)?|retir(?:e|es|ed|ing)(?=(?: on \w+| (?:last|this) \w+)? as\b)|(?:had )?left office"
        # "quit as foreign minister", "lost his job as", "ended his tenure as": the subject leaves the post named
        r"|quit(?:s|ting)?(?= as\b)|los(?:t|es|ing) (?:his|her) (?:job|post|position)(?= as\b)"
        r"|end(?:s|ed|ing) (?:his|her) (?:tenure|term)(?= as\b)",
        "office-left",
        role="subject",
    ),
    Entry(r"replac(?:e|es|ed|ing)|succeed(?:s|ed|ing)|t(?:ook|akes?|aking) the place of", "office-left", role="object"),
    Entry(
        # (not "The appointment comes as …": the noun looks back at an appointment told, the clause is about others)
        r"(?:re)?appoint(?:s|ed|ing|ment(?! (?:comes|came|follows|followed)\b))?(?![a-z])|named(?=[^;]{0,160}?\bas\b)"
        # "was named China's new defence minister": an office word right after the verb
        r"|named(?= (?:(?:China|the U\.S\.|America|Beijing|Washington)['’]s )?(?:the )?(?:new |next |acting |interim )?"
        r"(?:[\w-]+ ){0,3}?(?:minister|secretary|ambassador|chair(?:man)?|commander|chief|advis[eo]r|envoy)\b)",
        "office-assumed",
    ),
    Entry(
        r"sworn in|took office|tak(?:e|es) office|confirmed as|t(?:ook|akes?|aking) over as"
        r"|t(?:ook|akes?|aking) over from(?= [^,.;]{1,60}? as\b)"
        r"|t(?:ook|akes?|aking) over(?= (?:the )?(?-i:(?:U\.S\. )?(?:[A-Z][\w-]* ){0,3}Command)\b)"
        r"|(?:assum|tak|took)(?:e|es|ed|ing)? (?:over )?command of|t(?:ook|akes?|aking) (?:over )?the helm(?: of)?"
        r"|(?:assum|tak|took)(?:e|es|ed|ing)? (?:up )?(?:the|his|her) post"
        r"|assum(?:e|es|ed|ing) office|promoted to(?= (?:the )?(?:post of )?(?:[\w-]+ ){0,3}?(?:vice )?(?:chair|minister))"
        r"|(?:bec(?:ome|omes|ame)|serv(?:e|es) as|return(?:s|ed) as)(?= (?:the )?(?:(?:China|America)['’]s )?(?:acting |interim )?(?:[\w.-]+ ){0,3}?"
        r"(?:secretary|minister|chair(?:man)?|commander|ambassador|advis[eo]r|chief)\b)",
        "office-assumed",
        role="subject",
    ),
    # calls before meetings: "spoke by video", "held a call", "called"
    Entry(
        r"(?:spoke|speak|speaks|speaking|talked|talks|talking) (?:by |over (?:a |the )?(?:secure )?|on the |via )(?:tele)?(?:phone|video(?:\s?link)?)"
        # "spoke with Dong Jun by video link": the medium after the one spoken with
        r"|(?:spoke|talked|speaking|talking) with(?=(?: [\w.’\'-]+){1,8}? (?:by|over|via) (?:a |the )?(?:secure )?(?:tele)?(?:phone|video))"
        r"|(?<=in |on )(?:a|their|the) (?:phone |video |telephone )?call\b(?! (?:for|on (?!\w+day)))|(?<!port )call between"
        r"|(?:phone|telephone|video) (?:call|conversation|talks)s?|video ?(?:tele)?conference"
        # "held talks by video with": the medium makes the talks a call
        r"|(?:held|hold|holds|holding|had) (?:\w+ ){0,2}?talks (?:by|via|over) (?:tele)?(?:phone|video(?:\s?link)?)"
        r"|(?:virtual|video) (?:summit|meeting)s?"
        r"|during (?:their|the|a|an) (?:[\w-]+ ){0,2}?call\b"
        # "In the first call, on October 30, Milley told Li": the frame names the encounter a call
        r"|(?<![\w-])in (?:their|the|a|an) (?:[\w-]+ ){0,2}?(?:call|conversation)(?! (?:to|for|on)\b)\b|held (?:\w+ ){0,3}?call|call(?:s|ed)?(?= (?:his|her|their) (?:\w+ ){0,2}counterpart)"
        r"|(?:twice |had |has |have )call(?:s|ed)?(?!(?: [\w-]+){0,6} off\b)|(?:tele)?phoned"
        # "called the U.S. sanctions bullying", "called it a provocation": naming, not a phone call
        r"|(?<!so-)(?<!what he )(?<!what she )(?<!what they )(?<!what it )called(?! (?:it|this|that|them|these|those|the (?:[\w.'’-]+ ){0,3}?(?:move|decision|sanctions?"
        r"|measures?|step|actions?|remarks|report|bill|law|claims?|accusations?|allegations?|drills?|exercises?"
        r"|sales?|visit|trip|deal|polic(?:y|ies)"
        # "called the meeting good and constructive": a verdict on the encounter, not a second one
        r"|meetings?|talks|calls?|conversations?|discussions?|dialogue|exchanges?)) )",
        "call",
        role="initiator",
    ),
    # meetings
    Entry(
        r"was (?:received|hosted|welcomed) by|were (?:received|hosted|welcomed) by",
        "meeting",
        role="guest",
        passive=True,
    ),
    # (not "a former Fox News host": the noun of a trade)
    Entry(
        r"(?<!\ba )(?<!\ban )(?<!former )(?<!news )(?<!show )(?<!radio )(?<!tv )(?<!television )host(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)",
        "meeting",
        role="host",
    ),
    Entry(
        r"visit(?:s|ed|ing)?|travel(?:s|ed|led|ing|ling)? to|trip to|arriv(?:e|es|ed|ing) in", "meeting", role="guest"
    ),
    Entry(
        r"held (?:two|three|\w+)? ?(?:days|rounds?) of talks|(?:held|hold|holds|holding|had|have) (?!(?:called|cancell?ed|scrapped|suspended|postponed|halted|delayed)\b)"
        r"(?:\w+-[\w-]+ )?(?:\w+ ){0,2}?talks"
        # "held Military Maritime Consultative Agreement working group talks": a named round
        r"|(?:held|hold|holds|holding) (?:(?:the|a|an) (?:(?:new|first|second|third|\w+th|latest|next|fresh) )?(?:round of )?)?(?:(?-i:[A-Z][\w-]*) ){1,6}(?:[\w-]+ ){0,2}talks"
        # "The MMCA talks were held in Qingdao", "The Crisis Communications Working Group … convened": the round, passive
        r"|(?-i:(?:Talks|talks|Dialogue|Consultations?|Group))(?: of the two \w+)? (?:(?:were|was) held|convened)\b"
        r"|in talks with|talks (?:with|between)|round of talks|consultations? (?:with|between)|dialogue with"
        # "agreed … during four hours of talks at an estate": the encounter the agreement was made at ("during" ends
        # the agreement's scope)
        r"|\bhours of talks(?! with| between)"
        # "told Wang …, during talks lasting five hours", "after two days of talks in Geneva between …": the round the
        # clause is set in (its parties the clause's, or named after "between")
        r"|(?<=during )talks(?= lasting| that lasted)|\b(?:two|three|four|several|\d) days of talks"
        r"|(?:held|hold|holds|holding) (?:[\w-]+ ){0,6}?consultations",
        "talks",
    ),
    Entry(
        # (not "will meet firm countermeasures", "met the deadline": a response or a target met, no encounter)
        r"met|meet(?:s|ing)? with|meets?(?! (?:\w+ )?(?:countermeasures|counter-measures|responses?|resistance"
        r"|retaliation|deadlines?|targets?|goals?|needs|demands|requirements|standards|obligations|challenges?)\b)|(?:held|hold|holds|holding|had) (?:\w+ ){0,3}?meeting|sat down with"
        r"|(?:in-person|face-to-face) (?:meeting|talks)|summit (?:with|between)"
        # "canceled a meeting between Dong Jun and Lloyd Austin": the encounter a cancellation names (not "any meeting
        # between …", a conjecture)
        r"|(?:(?<=canceled a )|(?<=cancelled a )|(?<=scrapped a )|(?<=planned )|(?<=scheduled ))meeting between"
        r"|(?<=the )meeting between(?=[^.;]{0,80}?\b(?:took place|was held|lasted)\b)"
        # "told reporters after meeting Dong Jun", "Meeting Wang Yi on Thursday, …": the gerund with a named object
        r"|(?<!the )(?<!a )(?-i:[Mm]eeting)(?= (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
        r"(?-i:[A-Z][a-z]))"
        # "agreed to restart talks after meeting for an hour on the sidelines": the gerund without an object is the
        # encounter of the clause's subjects
        r"|(?<=\bafter )(?-i:meeting)(?= (?:for|on|in|at|privately|briefly|again)\b|[,.;])"
        # "agreed on Wednesday to …, after a four-hour meeting": the meeting the agreement followed
        r"|(?<=after )(?:a|an|their|the) (?:[\w-]+ ){0,2}?(?:meeting|summit)"
        # "told Austin in their meeting", "At Tuesday\'s meeting, …": the encounter a readout is told in
        r"|(?<=in |at )their meeting|(?<=at )(?:his|her) meeting with|(?<=at )\w+day[\'’]s meeting",
        "meeting",
    ),
    # criticism and statements
    Entry(
        r"criticiz" + _V + r"|criticis" + _V + r"|condemn" + _V + r"|denounc(?:e|es|ed|ing)|accus(?:e|es|ed|ing)"
        r"|blam(?:e|es|ed|ing)|slamm?(?:s|ed)?|rebuk(?:e|es|ed)|protest(?:s|ed)?|lodged (?:\w+ ){0,2}?"
        r"|rais(?:e|es|ed|ing) (?:\w+ ){0,2}?concerns?|voic(?:e|es|ed|ing) (?:\w+ ){0,2}?concerns?"
        r"|express(?:es|ed|ing)? (?:\w+ ){0,2}?(?:concerns?|dissatisfaction|opposition)"
        # "said Washington had significant concerns about China's …": concern held about the other side's acts
        r"|(?:had|has|have|underscor(?:e|es|ed|ing)|stress(?:es|ed)|emphasi[sz](?:es|ed)|reiterat(?:es|ed)|conve(?:y|ys|yed))"
        r" (?:\w+ ){0,2}?concerns (?:about|over|regarding) (?=(?:the \w+ (?:of )?)?(?:China|Beijing|the United States"
        r"|Washington|the U\.S\.|U\.S\.|American|Chinese|the PLA|PLA)\b)"
        # "said he was deeply concerned that Beijing had been unwilling to engage": the speaker's concern about the
        # other side (not "China appeared to be concerned that Washington …": another's concern, told)
        r"|(?:he|she|we|I) (?:was|were|is|are|am|remains?|remained) (?:deeply |very |gravely |seriously )?concerned"
        r" (?:that|about|over|by)\b(?=[^.;]{0,50}?\b(?:China|Chinese"
        r"|Beijing|PLA|PRC|United States|Washington|U\.S\.|American)\b)"
        r"|seriously (?:harm|undermin|violat|damag|disrupt)\w*|(?:had|has|have) (?:seriously |gravely )?undermined"
        r"(?:representations|protests?|complaints?)|summon(?:s|ed)?"
        # the words of a reproach ("an 'unnecessarily aggressive' intercept", "the response was 'absurd'")
        r"|unacceptable|irresponsible|provocative|provocations?|reckless|absurd|hysterical|unprofessional|unsafe"
        # ("called the move outrageous and unjustified")
        r"|outrageous|unjustified|unjustifiable|unwarranted|egregious|(?:China|Sino)-?phobia|road of no return"
        r"|lash(?:es|ed)? out at|hit out at|castigat\w+|decr(?:y|ies|ied)|deplor(?:e|es|ed)|lambast\w*|blasted"
        r"|assail(?:s|ed)|excoriat\w+|took aim at|(?:firmly|resolutely) oppos(?:e|es|ed)|strongly dissatisfied"
        r"|voic(?:e|es|ed|ing) (?:\w+ ){0,2}?opposition|hit(?:s|ting)? back|fault(?:s|ed)|reacted angrily|(?:biggest )?troublemaker"
        # ("a blatant violation of the basic norms of international relations", "a flagrant breach of the norms")
        r"|(?:clear |flagrant |serious |gross |blatant |grave )?(?:violation|breach) of (?:[\w.'’-]+ ){0,5}?(?:sovereignty"
        r"|international law|norms|principles?|communiqu[eé]s)\b"
        r"|bullying|hegemonic|hypocritical|hypocrisy|malicious|smear(?:s|ed)?|slander(?:s|ed)?"
        r"|(?:unnecessarily |dangerously |increasingly )?aggressive"
        # reproach without a verb of blame: "has no right to lecture", "misguided", "meddling in" (not a
        # descriptor such as "coercive", which the demand or warning around it carries: "urged … to stop its
        # coercive tactics" is one demand)
        r"|misguided|groundless|baseless|deeply (?:concerning|troubling|disturbing)"
        # "China's actions … threatened global stability", "undermining regional peace" (not "destabilising actions",
        # a descriptor the demand around it carries, as "coercive")
        r"|threat(?:en|ens|ened|ening) (?:\w+ ){0,2}?(?:stability|peace)"
        r"|(?:endanger|jeopardi[sz])(?:s|ed|es|e|ing)? (?:[\w'’]+ ){0,3}?(?:sovereignty|security|peace|stability)"
        r"|undermin(?:e|es|ed|ing) (?:regional |global |international |world )?(?:peace|stability)"
        # "only serves to raise tensions and destabilize the region": an effect told as reproach
        r"|(?:only )?serv(?:e|es|ed) (?:only )?to (?:raise|heighten|escalate|inflame|stoke) tensions"
        r"|condescending|(?:has|have|had) no (?:right|standing|qualifications?) to|meddl(?:e|es|ed|ing) in"
        r"|interfer(?:e|es|ed|ing|ence) in (?:\w+['’]s |its |their )?internal affairs"
        # "a sign that Beijing was not honouring its agreements": a broken word reproached
        r"|(?:not|failed to|failing to|fails to) (?:honou?r|abide by|live up to|keep)(?:ing)? (?:its|their|his|her) "
        r"(?:agreements?|commitments?|promises?|word)",
        "criticism",
    ),
    Entry(
        # (not "told lawmakers", "told a Senate hearing": testimony to one's own legislature is no statement)
        r"told (?:a |the )?(?:\w+ )?(?:forum|conference|audience|summit)|told (?:the )?(?:[\w-]+ ){1,3}?(?:Dialogue|Forum)\b"
        r"|(?:said )?in a statement|issued a statement|(?:gave|delivered) (?:a |his |her )?(?:speech|remarks|address)",
        "statement",
    ),
    # what a party said in an encounter the report tells (kept only then: tracker.extract.spoken.readouts)
    Entry(
        r"warn(?:s|ed|ing)|(?:stress(?:es|ed)|emphasi[sz](?:es|ed)|underscor(?:es|ed)|reiterat(?:es|ed)|replied|responded"
        r"|made (?:it )?clear)(?= that)"
        # "made clear to Dong Jun", "emphasized to Xi": a position told to the other side\'s person
        r"|(?-i:(?:made (?:it )?clear|stressed|emphasi[sz]ed|underscored|conveyed|reiterated) to(?= [A-Z]))"
        # "said at his meeting with Dong Jun that …", "said in the video call with Brown that …"
        r"|said(?= (?:at|in|during) (?:his|her|their|the|a) (?:[\w-]+ ){0,2}?(?:meeting|call|talks)\b[^.;]{0,80}? that\b)"
        # "told reporters after the meeting that …": the position told at the encounter's press conference
        r"|told reporters(?= (?:after|following) (?:the|their|his|her) (?:[\w-]+ ){0,2}?(?:meeting|call|talks|summit)\b"
        r"[^.;]{0,30}? that\b)"
        # (not "told Congress", "told Fox News": the press and one's own legislature are not the other side)
        # ("told visiting U.S. Defense Secretary Jim Mattis", "told outgoing U.S. President Joe Biden": the other side's
        # person, under an adjective of their standing)
        r"|(?-i:told (?:(?=(?:visiting|outgoing|incoming|departing) [A-Z])|(?!(?:Congress|Senate|House|Parliament|Fox|CNN"
        r"|NBC|CBS|ABC|MSNBC|NPR|PBS|Reuters|Bloomberg|Xinhua|CCTV|CGTN|Politico|Axios|The|Time|Face|Meet)\b)(?=[A-Z][a-z]|U\.S\. )))"
        # "told his counterparts that", "told the Chinese delegation": the other side of the encounter, unnamed
        # (not "said he told his counterpart …": the speaker's own account to the press, after the encounter)
        # "said Beijing would never allow …", "said Washington will continue to …": a side's position, pledged
        r"|said (?:that )?(?:Beijing|China|Washington|the United States|the U\.S\.) (?:would|will) (?:never|always"
        r"|continue|firmly|resolutely)\b"
        r"|told(?<!\bhe told)(?<!\bshe told)(?<!\bthey told) (?:his|her|their) (?:[\w.-]+ )?counterparts?|told the (?:Chinese|U\.S\.|American|other) (?:side|delegation|team)",
        "statement",
        role="readout",
    ),
)

# Who led each side of a round ("Stewart led the U.S. side, while Sun … headed China's delegation"): its roster.
ENTRIES = (
    *ENTRIES,
    Entry(
        r"led (?:the )?(?:U\.S\.|American|Chinese|China['’]s) (?:side|delegation)|headed (?:the )?(?:U\.S\.|American"
        r"|Chinese|China['’]s) (?:side|delegation)"
        # "X and Y led the Defense Policy Coordination Talks", "co-chaired the dialogue": a named round's heads
        r"|(?:led|co-?chaired|chaired|headed) (?:the )?(?-i:(?:[A-Z][\w-]*\s){1,6}(?:Talks|Dialogue|Consultations?))\b"
        r"|co-?chaired (?:the |this )?(?:\w+ )?(?:talks|dialogue|consultations?)\b"
        # "The U.S. side was led by Chase; the Chinese delegation by Song": the roster told in the passive
        r"|(?:side|delegation|team) (?:was|were) (?:led|headed) by",
        "talks",
        role="roster",
    ),
)

# "ended two days of talks", "wrapped up three rounds of talks": the round told at its close (a length or a count:
# "ended talks with" alone may be a break)
ENTRIES = (
    *ENTRIES,
    Entry(
        r"(?:end|conclud|wrapp?)(?:s|ed|ing)?(?: up)? (?:their |the |a )?(?:[\w-]+ )?(?:days?|rounds?) of (?:talks|consultations)",
        "talks",
    ),
)
