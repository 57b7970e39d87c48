"""Word lists the redactor decides with: given names, person cues, public-role titles, and
names that look like people but are outlets or organisations.

Lists, not rules keyed to any document: they name categories of words that generalise
(a Central Asian given name, a kinship noun, an office).
"""

from __future__ import annotations

# Given names, lower case, in Latin transliteration: Russian, Central Asian, Caucasian and
# common English ones. An English capitalised run that starts with one is a person.
GIVEN_NAMES = frozenset(
    """
    alexander aleksandr alexandr alexei alexey aleksei aleksey andrei andrey anatoly anton
    arkady arseny artem artyom boris bogdan daniil danila denis dmitry dmitri dmitrii
    eduard egor yegor evgeny yevgeny fyodor fedor gennady georgy gleb grigory igor ilya
    ivan kirill konstantin leonid lev maxim maksim mikhail nikita nikolai nikolay oleg pavel
    petr pyotr roman ruslan semyon sergei sergey stanislav stepan timofei timofey vadim
    valentin valery vasily viktor vitaly vladimir vladislav vyacheslav yaroslav yuri yury
    zakhar ilyas marat rinat rafael renat airat aidar azat damir ildar ilnur
    alisher rustam farrukh bakhtiyor bakhodir shukhrat jamshid dilshod sardor aziz akmal
    anvar bekzod davron olim sherzod umid zafar nodir farhod farkhod islom firdavs abdullo
    abdulla abdullah bahrom bakhrom behruz dilmurod doston elyor eldor jasur javlon khurshid
    mansur mirzo mukhammad muhammad mohammed mohammad muhammed nurali rakhmon rahmon
    saidov shavkat sanjar sirojiddin sukhrob suhrob temur timur ulugbek umar usmon utkir
    zokir zohir khasan hasan khusein hussein ali akhmed ahmed ahmad magomed magomet murad
    shamil ramzan ramazan rasul ibragim ibrahim ismail islam kamil karim khalid yusuf jusup
    aibek azamat bakyt daniyar erlan kairat marlen nurlan talgat zhandos askar arman ermek
    aram armen artur arthur davit david gevorg hayk levon narek tigran vardan giorgi levan
    nika zurab elvin ilgar orkhan rashad vugar tural emin
    anna anastasia alexandra alina alla albina anzhela daria darya diana ekaterina yekaterina
    elena yelena elizaveta galina inna irina karina kristina ksenia kseniya larisa lidia
    liudmila lyudmila margarita maria mariya marina nadezhda natalia natalya nina olga
    oksana polina svetlana tatiana tatyana valentina valeria vera veronika viktoria victoria
    yulia yuliya zoya zarina dilnoza dilfuza gulnara gulnora gulchehra gulshan madina
    malika mavluda mohira nargiza nigora nodira saida sevara shakhnoza zarema zukhra
    aigul aizhan asel ainura dinara gulmira kamila leila leyla laila fatima fatma aisha
    amina khadija mariam
    james john robert michael william richard joseph thomas charles christopher daniel
    matthew mark donald steven paul andrew joshua kenneth kevin brian george edward ronald
    timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
    brandon benjamin samuel gregory frank raymond patrick jack dennis jerry tyler aaron
    jose henry adam douglas nathan peter zachary kyle walter harold jeremy ethan carl keith
    roger gerald christian terry sean arthur austin noah lawrence jesse joe bryan billy
    jordan albert dylan bruce willie gabriel alan juan logan wayne ralph roy eugene randy
    vincent russell louis philip bobby johnny bradley mary patricia jennifer linda elizabeth
    barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly
    emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon
    laura cynthia kathleen amy shirley angela helen brenda pamela nicole emma samantha
    katherine christine debra rachel catherine carolyn janet ruth heather maria julie
    joyce virginia kelly christina joan evelyn lauren judith megan cheryl andrea hannah
    martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison
    doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie charlotte natalie isabella brittany rose alexis kayla lily
    """.split()
)

# Words right before a name that say a private person follows ("lawyer Dmitry Vlasov",
# "брата Рустама Каримова" is caught by NER; these serve the English heuristics).
PERSON_CUES = frozenset(
    """mr mrs ms miss dr lawyer attorney advocate brother sister wife husband son daughter
    father mother uncle aunt nephew niece cousin grandson granddaughter relative relatives
    friend friends colleague neighbour neighbor activist migrant migrants resident citizen
    worker workers journalist reporter blogger driver courier student defendant detainee
    suspect victim man woman boy girl teenager employer employee owner named called
    mr. mrs. ms. dr. native conscript recruit volunteer soldier serviceman plaintiff
    witness fiancee fiance partner""".split()
)

# Titles of public office: a name right after one is an official in a public role, the one
# case the issue lets an export keep ("губернатор Александр Беглов", "Mayor Sergei Sobyanin").
OFFICIAL_TITLES_RU = frozenset(
    """президент премьер-министр премьер министр вице-премьер губернатор мэр депутат
    сенатор спикер пресс-секретарь омбудсмен уполномоченный генпрокурор""".split()
)
OFFICIAL_TITLES_EN = frozenset(
    """president premier minister governor mayor senator lawmaker deputy spokesman
    spokeswoman spokesperson ombudsman ombudswoman prosecutor-general""".split()
)

# Outlets, agencies and organisations whose names NER or the English heuristics may take
# for a person. Lower case; compared with a mention's words joined by a space.
NOT_PERSONS = frozenset(
    """фонтанка медиазона медиазоне медиазону медиазоной медуза медузе медузы baza база
    mash мэш shot sota сота верстка вёрстка агентство ria риа тасс tass интерфакс interfax
    коммерсант коммерсантъ ведомости рбк rbc meduza mediazona fontanka novaya gazeta
    memorial мемориал овд-инфо ovd-info amnesty reuters bloomberg kommersant vedomosti
    sibir.realii idel.realii радио свобода свободы настоящее время current time
    zona nashestvie""".split()
)

# Words that make a capitalised run an organisation or a place rather than a person.
ORG_WORDS = frozenset(
    """ministry service court committee police office news agency group center centre
    union watch international gazette gazeta times post journal radio tv channel council
    department directorate guard army forces federation republic region oblast krai city
    district street market university bank company corporation party duma kremlin fsb
    mvd rosgvardia telegram""".split()
)
