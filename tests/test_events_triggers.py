"""Event triggers on short reports written for these tests (not taken from any article)."""

from __future__ import annotations

from typing import Any

import pytest

from khronika.extract.events import find_triggers

# (language, text, event types expected in the LAST sentence)
CASES = [
    # Russian: lemmas, not surface forms
    ("ru", "В Казани полиция задержала 40 мигрантов.", {"detention"}),
    ("ru", "Задержаны двадцать иностранцев, работавших на складе.", {"detention"}),
    ("ru", "На рынке в Самаре прошло задержание нелегальных мигрантов.", {"detention", "raid"}),
    ("ru", "Сотрудники полиции провели рейд в общежитии для мигрантов.", {"raid"}),
    ("ru", "Полицейские проверили стройку, где работали иностранцы.", {"raid"}),
    ("ru", "Пятерых новых граждан доставили в военкомат.", {"escort_to_enlistment_office"}),
    ("ru", "Мигрантов с паспортами РФ отвезли прямо в военкомат.", {"escort_to_enlistment_office"}),
    ("ru", "Повестки вручили десяти мужчинам, получившим гражданство.", {"summons"}),
    ("ru", "На воинский учёт поставили 30 новых граждан.", {"summons"}),
    ("ru", "Контракт с Минобороны подписали семь иностранцев.", {"enlistment"}),
    ("ru", "Двоих натурализованных граждан лишили российского гражданства.",
     {"citizenship_revocation"}),
    ("ru", "Суд постановил выдворить из России 12 мигрантов.", {"deportation"}),
    ("ru", "Из региона депортировали 50 иностранных граждан.", {"deportation"}),
    ("ru", "Суд оштрафовал восьмерых мигрантов за работу без патента.", {"prosecution"}),
    ("ru", "Задержанным мигрантам в отделе предлагали подписать контракт с армией.",
     {"recruitment_pressure"}),
    # Russian: negation, modality, future, plans, back-references
    ("ru", "Полиция не задерживала мигрантов на рынке.", set()),
    ("ru", "В МВД заявили, что задержаний мигрантов не было.", set()),
    ("ru", "В следующем месяце полиция проведёт рейды на рынках, где работают мигранты.", set()),
    ("ru", "Власти планируют депортировать нелегальных мигрантов.", set()),
    ("ru", "Мигрантов могут лишить гражданства за неявку в военкомат.", set()),
    ("ru", "Задержанные мигранты нарушили правила пребывания.", set()),
    # Russian near-misses: other stories with the same words
    ("ru", "Полиция задержала троих участников драки у кафе.", set()),
    ("ru", "В клубе задержали посетителей с наркотиками.", set()),
    ("ru", "Госдума приняла закон о лишении гражданства мигрантов.", set()),
    # English: lemmas
    ("en", "Police detained 300 migrants at a market in Kazan.", {"detention"}),
    ("en", "Officers raided a hostel where migrant workers lived.", {"raid"}),
    ("en", "Police searched a construction site looking for migrants.", {"raid"}),
    ("en", "Twelve new citizens were taken to the enlistment office.",
     {"escort_to_enlistment_office"}),
    ("en", "Nine naturalized men were handed draft summonses.", {"summons"}),
    ("en", "Forty migrants were placed on the military register.", {"summons"}),
    ("en", "Six foreigners signed contracts with the Defense Ministry.", {"enlistment"}),
    ("en", "A court ordered 20 migrants deported.", {"deportation"}),
    ("en", "Fifteen foreign nationals were expelled from Russia.", {"deportation"}),
    ("en", "The court fined eleven migrants for working without permits.", {"prosecution"}),
    ("en", "Two naturalized citizens were stripped of their citizenship.",
     {"citizenship_revocation"}),
    ("en", "Officers pressured detained migrants to sign army contracts.",
     {"recruitment_pressure"}),
    # English: negation, modality, future, conditionals, gerunds
    ("en", "Police did not detain any migrants at the market.", set()),
    ("en", "Police will raid markets where migrants work next month.", set()),
    ("en", "Officials plan to deport migrants who lack permits.", set()),
    ("en", "Migrants could be deported if they refuse the contract.", set()),
    ("en", "Migrants were offered the option of enlisting to avoid deportation.",
     {"recruitment_pressure"}),
    ("en", "The detained men were later released, the migrants said.", set()),
    # English near-misses
    ("en", "Police detained 12 football fans after a brawl.", set()),
    ("en", "Officers raided a nightclub looking for drugs.", set()),
    ("en", "Senators passed a bill on stripping migrants of citizenship.", set()),
    # imperfective partners and papers checked (codebook rules)
    ("ru", "Полицейские обходили квартиры, которые снимали мигранты.", {"raid"}),
    ("ru", "Участковые проверяли патенты у мигрантов на автомойке.", {"raid"}),
    ("ru", "Мигрантов выводили из цеха и сажали в автозак.", {"detention"}),
    ("ru", "Троим иностранцам в отделе сделали предложение заключить контракт.",
     {"recruitment_pressure"}),
    ("en", "Officers checked the work permits of vendors at a bazaar in Omsk.", {"raid"}),
    ("en", "Guards marched nineteen naturalized men from the bus depot on the edge of town to "
     "the enlistment office.", {"escort_to_enlistment_office"}),
    ("en", "Officials stripped four naturalized men in the region of their Russian passports.",
     {"citizenship_revocation"}),
    # war deaths, alternatives and waiting are not events
    ("ru", "Не менее 30 мигрантов, подписавших контракт, погибли на фронте.", set()),
    ("en", "Dozens of migrants who signed army contracts have died in the war.", set()),
    ("ru", "Задержанным иностранцам предложили контракт вместо выдворения.",
     {"recruitment_pressure"}),
    ("ru", "Мигрантам, ожидающим выдворения, раздали анкеты.", set()),
    # a noun trigger whose own predicate, a few words on, is future: a plan
    ("ru", "Облавы на рынках области против мигрантов продолжатся до конца лета.", set()),
    ("ru", "Облавы на рынках области против мигрантов прошли в субботу.", {"raid"}),
    ("ru", "Полицейские угрожали мигрантам лишением гражданства.", set()),
    # the choice put to them is pressure; neither alternative happened
    ("en", "Detained migrants were given a choice between expulsion and the army.",
     {"recruitment_pressure"}),
    ("en", "Migrants held in a deportation centre near Moscow complained about the food.",
     set()),
    ("en", "A handover of passports to new citizens took place near the enlistment office.",
     set()),
    # events told in the words reporters use beyond the usual verbs
    ("en", "At dawn officers stormed a dormitory where builders from Tajikistan slept.",
     {"raid"}),
    ("en", "Riot police descended on a car market and asked every vendor for a permit.",
     {"raid"}),
    ("en", "Officers burst into a bakery and checked the documents of the migrant staff.",
     {"raid"}),
    ("en", "Police checked 90 people at the wholesale depot for migration violations.", {"raid"}),
    ("en", "Officers picked up eleven migrant loaders outside the depot.", {"detention"}),
    ("en", "Thirty migrants were taken to the police for fingerprinting.", {"detention"}),
    ("en", "Six Uzbek men are being held in a centre for foreigners near Perm.", {"detention"}),
    ("en", "Bailiffs sent 120 migrants home in the first half of the year.", {"deportation"}),
    ("en", "He sends money home every month.", set()),
    ("en", "Police drew up administrative reports against 14 foreign vendors.", {"prosecution"}),
    ("en", "The regional police terminated the citizenship of five naturalized men.",
     {"citizenship_revocation"}),
    ("en", "In the corridor an officer demanded that they sign a contract with the army.",
     {"recruitment_pressure"}),
    ("en", "Forty of the men were registered with the military that evening.", {"summons"}),
    ("en", "New citizens must register with the military within a year.", set()),
    ("en", "Teenagers of call-up age gathered near the stadium gates.", set()),
    ("en", "The boy burst into tears when the migrants were mentioned.", set()),
    ("en", "Five men without permits were handed over to the enlistment office.",
     {"escort_to_enlistment_office"}),
    ("en", "Two migrant women have been held for three weeks in the temporary detention centre.",
     {"detention"}),
    ("en", "Over 40 migrants were found during an operation in two hostels.", {"raid"}),
    ("en", "The special military operation has changed how migrants see the hostel owners.",
     set()),
    # conditions, things lacking, sentence-opening plans, suspects of crimes
    ("en", "If a migrant had his papers checked at the market, it was routine, the mayor said.",
     set()),
    ("en", "He came to the enlistment office on his own, without a summons.", set()),
    # "that" opening a clause is no back reference; "that raid" points back
    ("en", "A local paper writes that checks of migrant hostels took place in Tver on Friday.",
     {"raid"}),
    ("en", "The governor later defended that raid on a migrant hostel.", set()),
    ("en", "Nine new citizens were put on the military register during these raids.",
     {"summons"}),
    # a negation set off by commas, an idiom, a decision taken, anyone who, maybe
    ("en", "The man from Osh never, though, registered with the military.", set()),
    ("en", "The migrants' lawyer would not say where the registration took place.", set()),
    ("en", "The migrant lost his temper at the counter and tore up his passport.", set()),
    ("en", "The decision was taken after a letter from the enlistment office.", set()),
    ("en", "Recruiters told the inmates that anyone who signed a contract would go free.",
     {"recruitment_pressure"}),
    ("en", "Skip the call-up and maybe lose your passport, the migrants were told.", set()),
    # another subject named only as the time since which things happen leaves the story in scope
    ("en", "Since the terrorist attack on the concert hall, migrants have been checked "
     "everywhere. In the Penza region police carried out 80 raids in April.", {"raid"}),
    ("ru", "После драки у кафе полиция задержала пятерых уроженцев Киргизии.", set()),
    # "not to X but to Y": the place denied makes no event, the place affirmed does
    ("en", "The two couriers were taken not to a police station but to the city enlistment "
     "office.", {"escort_to_enlistment_office"}),
    ("ru", "Рабочих со стройки отвезли не в отдел полиции, а в военкомат.",
     {"escort_to_enlistment_office"}),
    ("en", "The consulate urged its citizens not to sign any military contract.", set()),
    # a future in the clause before ("they will lose …, and were offered …") is not the
    # trigger's own; one in its own clause is
    ("ru", "Рабочим в военкомате пригрозили, что их лишат паспортов, и предложили подписать "
     "контракт с Минобороны.", {"recruitment_pressure"}),
    ("ru", "Мигрантам, как ожидается, будут предлагать контракт с Минобороны.", set()),
    # placement in a foreigners' centre carrying out a court-ordered expulsion is the expulsion
    ("ru", "По решению суда шестеро мигрантов помещены в центр временного содержания "
     "иностранных граждан для последующего выдворения.", {"deportation"}),
    ("en", "The court ordered two Tajik workers to be expelled from Russia and placed in a "
     "detention centre for foreigners until their departure.", {"deportation"}),
    ("en", "Those ordered expelled are being held at a detention centre for foreign citizens.",
     {"detention"}),
    ("en", "With no court hearing at all, the Kyrgyz welder was placed in a detention centre "
     "for foreigners pending deportation.", {"detention"}),
    # a question after a chapter's time stamp is still a question
    ("en", "[32:10] How many of the detained couriers were sent to the enlistment office", set()),
    ("ru", "(12:45) Сколько задержанных мигрантов отвезли в военкомат", set()),
    # how often something happens is a practice, not an event
    ("ru", "Мигрантов на таких рынках нередко задерживают без всяких оснований.", set()),
    ("en", "Court rulings on expulsion frequently ignore the migrants' papers.", set()),
    # "after the attack" followed by a wave is a point in time; a mass brawl is still a brawl
    ("ru", "После теракта на вокзале массовые проверки приезжих идут во всех районах. "
     "В Самарской области с начала апреля провели 120 рейдов.", {"raid"}),
    ("en", "After the terrorist attack at the mall, raids on migrant hostels were stepped up. "
     "In the Kaluga region police carried out 45 raids in May.", {"raid"}),
    ("ru", "После массовой драки у общежития полиция задержала сорок уроженцев Таджикистана.",
     set()),
    # "signed" closing its clause after "and" is a man signing; "was signed" is a paper
    ("en", "Officers pushed the migrant to sign a contract. His calls to his family went "
     "unanswered, and in the end he gave in and signed.", {"enlistment"}),
    ("en", "Officers pushed the migrant to sign a contract. The paper was signed.", set()),
    # held for hours, led away to be questioned
    ("en", "Twenty migrant porters have been held for hours without water or food.",
     {"detention"}),
    ("en", "Officers pulled four migrant men off the bus and led them to a back room to be "
     "interrogated.", {"detention"}),
    # «из» before a place is where from, not «из задержанных»
    ("ru", "За полгода из области выдворено 210 мигрантов.", {"deportation"}),
    ("ru", "Из числа задержанных мигрантов двоих отпустили.", set()),
    # open questions, intents, risks, what the law provides, what awaits them, papers sent
    ("ru", "Сейчас в отношении шестерых мигрантов решается вопрос о выдворении.", set()),
    ("ru", "Адвокат мигрантов намерен обжаловать штрафы в областном суде.", set()),
    ("ru", "Депутаты указали на риск лишения гражданства для добросовестных мигрантов.", set()),
    ("ru", "За неявку в военкомат законом предусмотрено прекращение гражданства.", set()),
    ("ru", "Мигрантов предупредили, что в противном случае их выдворят.", set()),
    ("ru", "Если новый гражданин не встал на учёт, военкомат направляет сведения в полицию, "
     "и гражданство прекращают.", set()),
    ("ru", "Сведения о двенадцати мигрантах передали в военкомат.", set()),
    ("ru", "Двенадцать мигрантов, по данным полиции, передали в военкомат.",
     {"escort_to_enlistment_office"}),
    ("ru", "Эксперты связывают отток мигрантов с режимом высылки.", set()),
    ("ru", "Полиция теперь чаще проводит рейды на рынках, где торгуют мигранты.", set()),
    # EN: what is allowed, what waits, a summons ignored, another story, a bomb plot
    ("en", "A new decree allows the expulsion of migrants without a court ruling.", set()),
    ("en", "Until their deportation, the migrants will stay in the centre near Perm.", set()),
    ("en", "Thirty migrant men awaiting deportation went on hunger strike.", set()),
    ("en", "Two men who had ignored the summons were driven to the enlistment office.",
     {"escort_to_enlistment_office"}),
    ("en", "In other news, police detained six teenagers near a migrant hostel.", set()),
    ("en", "Officers detained a migrant suspected of building a bomb.", set()),
    ("en", "A police major was sentenced for taking bribes from migrant workers.", set()),
    # more of the places checked
    ("ru", "Полицейские проверили продуктовые магазины, где работали мигранты.", {"raid"}),
    ("en", "Officers searched a greenhouse farm that employed migrant pickers.", {"raid"}),
    ("en", "Activists complain of beatings during recent raids on migrant hostels.", set()),
    ("en", "A Georgian court extended the arrest of an opposition activist and a migrant.",
     set()),
    ("en", "Reporters read the case files of thirty migrants fined in Tver.",
     {"prosecution"}),
    ("en", "Reporters went through the court's case files on migrants.", set()),
    ("ru", "Сколько мигрантов задержали на рынке, в полиции не говорят.", set()),
    ("en", "How many migrants were detained at the market, police would not say.", set()),
    # the story's own law is no other subject; military records and investigators are its cues
    ("en", "Officers looked for foreigners breaking migration legislation. As a result, 12 of "
     "them were fined.", {"prosecution"}),
    ("en", "Fourteen men were put on military record that day.", {"summons"}),
    ("ru", "Тогда в отделы полиции свезли около трёхсот мигрантов.", {"detention"}),
    ("ru", "На складе полицейские выявили 14 нарушителей миграционных правил.", {"raid"}),
    # profiling by looks marks the story as this codebook's
    ("en", "At the bus station officers checked the papers of every man who looked "
     "non-Slavic.", {"raid"}),
    ("ru", "У вокзала полицейские проверяли документы у всех мужчин неславянской внешности.",
     {"raid"}),
    # a bare verb sharing an earlier "to" is a purpose, not an event; a past verb is
    ("en", "The plan was to surround the migrant hostel and detain everyone inside.", set()),
    ("en", "Officers came to surround the migrant hostel and detained everyone inside.",
     {"raid", "detention"}),
    # credits are not pressure: "the press service said", "told local media"
    ("en", "Two naturalized men lost their citizenship last year, an official told local "
     "media.", {"citizenship_revocation"}),
    ("en", "Forty migrants were deported in May, the press service said.", {"deportation"}),
    ("en", "Officers told the detained migrants they would be deported unless they signed.",
     {"recruitment_pressure"}),
    ("en", "The channel says that signing an army contract brings a passport within months.",
     set()),
    ("en", "A recruitment drive was carried out in migrant hostels across the Kursk region.",
     {"raid"}),
    ("en", "Men of fighting age leaving the metro were handed summonses.", {"summons"}),
    # a noun the tagger reads as a participle is still a noun
    ("ru", "Шла обычная профилактика, то есть, проще говоря, облава на мигрантов у рынка.",
     {"raid"}),
    ("ru", "Если у мигранта проверили документы на рынке, это обычная процедура.", set()),
    ("ru", "Он пришёл в военкомат сам, без повестки.", set()),
    ("ru", "Облавы на мигрантов начнутся за неделю до праздников.", set()),
    ("ru", "Двоих приезжих задержали по подозрению в краже телефона у прохожего.", set()),
    ("en", "It is not clear whether any of the migrants were detained.", set()),
    ("en", "Nobody was delivered to the enlistment office, the ministry said.", set()),
    ("en", "An officer put it plainly: either you sign a contract or you leave Russia.", set()),
    ("en", "Further raids on migrant hostels will be held before the holidays.", set()),
    ("en", "Officers told the migrants that they would be deported unless they signed a "
     "contract.", {"recruitment_pressure"}),
    ("en", "Posters urging migrants to enlist were removed from the buses.", set()),
    ("en", "Only 30 migrants have been removed from the country this year.", {"deportation"}),
    ("ru", "По словам очевидцев, задержанных мигрантов около двухсот.", {"detention"}),
    ("ru", "Задержанных мигрантов отпустили вечером.", set()),
    ("ru", "По словам юристов, задержанных мигрантов могло быть и больше.", set()),
    # habits, not events
    ("ru", "Такие проверки мигрантов проходят в городе регулярно.", set()),
    ("en", "Migrant workers are often taken to the police station for a night.", set()),
    ("en", "Police routinely raid the hostels where migrants live.", set()),
    ("en", "Document checks of migrant drivers were carried out at two taxi depots.", {"raid"}),
    ("en", "Twelve migrants were taken to the department for fingerprinting.", {"detention"}),
    ("en", "The decision on the migrants was taken by the migration department.", set()),
    ("ru", "Полицейские нагрянули в кальянную, где работали приезжие.", {"raid"}),
    ("ru", "К овощной базе съехались силовики, у рабочих спрашивали патенты.", {"raid"}),
    ("ru", "Проверки мигрантов прошли на трёх стройках в пятницу.", {"raid"}),
    ("ru", "Проверки мигрантов будут проходить каждую неделю.", set()),
    ("ru", "Из цеха увезли человек двадцать, в основном иностранцев.", {"detention"}),
    ("ru", "Двоих новых граждан передали сотрудникам военкомата.",
     {"escort_to_enlistment_office"}),
    ("ru", "На шестерых мигрантов оформили административные материалы.", {"prosecution"}),
    ("ru", "Суд признал виновными девять иностранцев.", {"prosecution"}),
    ("ru", "Приставы отправили за пределы России 90 иностранцев.", {"deportation"}),
    ("ru", "С задержанными мигрантами провели беседу о службе по контракту.",
     {"recruitment_pressure"}),
    # session 8: reporters' wording seen on long pages, each sentence written for this table
    ("en", "The regional directorate has cancelled the Russian citizenship of four migrants.",
     {"citizenship_revocation"}),
    ("en", "The commission decided to strip two naturalized men of their citizenship.",
     {"citizenship_revocation"}),
    ("en", "Ministry units issued some 900 decisions ending the citizenship of naturalized men.",
     {"citizenship_revocation"}),
    ("en", "Officers stopped the migrant courier near the metro and locked him up overnight.",
     {"detention"}),
    ("en", "Police took the migrant cook in for questioning.", {"detention"}),
    ("en", "Police took the migrant baker for questioning after the check.", {"detention"}),
    ("en", "Around 30 of the migrant loaders were taken away in the evening.", {"detention"}),
    # taken away from people, not people taken away
    ("en", "The passports issued to the migrants were later taken away.",
     {"citizenship_revocation"}),
    ("en", "Last month's raids netted dozens of migrant workers in three cities.",
     {"detention", "raid"}),
    ("en", "Officers dragged several migrant vendors to the police van.", {"detention"}),
    ("en", "Officers of the migration police held an operation at a migrant hostel.", {"raid"}),
    ("en", "Investigators identified 14 foreign nationals working without permits.", {"raid"}),
    ("en", "Two officers came in to check the papers of the migrant cooks.", {"raid"}),
    ("en", "They will come to check the papers of the migrant cooks.", set()),
    ("en", "An officer laid out the options: sign a contract or face deportation.",
     {"recruitment_pressure"}),
    ("en", "The recruiters tried once more to persuade the migrant to sign a contract.",
     {"recruitment_pressure"}),
    ("en", "Police tried to detain the migrant vendors but they ran.", set()),
    ("en", "Nineteen of the naturalized men concluded contracts with the army.", {"enlistment"}),
    ("en", "An officer handed the migrant a povestka at the door of his flat.", {"summons"}),
    ("en", "The district court was considering 12 cases against migrant loaders.",
     {"prosecution"}),
    ("en", "Protocols on administrative offences were made against seven migrants.",
     {"prosecution"}),
    ("ru", "После проверки склада около сорока мигрантов оказались в отделе полиции.",
     {"raid", "detention"}),
    ("ru", "К вечеру трое новых граждан оказались на сборном пункте военкомата.",
     {"escort_to_enlistment_office"}),
    ("ru", "В общежитие мигрантов приехали следователи.", {"raid"}),
    ("ru", "В отдел полиции к мигрантам пришёл юрист.", set()),
    ("ru", "Участковый выписал двум новым гражданам направления в военкомат.", {"summons"}),
    ("ru", "Приставы препроводили 14 мигрантов до пункта пропуска на границе.",
     {"deportation"}),
    ("ru", "Шла профилактическая операция, то есть облава на мигрантов.", {"raid"}),
    ("ru", "Напомним, весенняя облава на мигрантов стала самой большой в городе.", {"raid"}),
    # a court's decision retells the detention or check that brought the people before it
    ("en", "The district court fined 20 migrants who were detained on Monday during a check at "
     "a market.", {"prosecution"}),
    ("en", "A court fined 12 migrant loaders detained at the depot.", {"prosecution"}),
    ("en", "A court fined nine migrants and detained three more of them.",
     {"prosecution", "detention"}),
    ("en", "Last year a court fined 30 migrants after a raid on a building site.",
     {"prosecution", "raid"}),
    # waiting, alternatives and comment on an event told elsewhere
    ("en", "Four migrant women are waiting in a hostel to be deported.", set()),
    ("en", "The migrants must register within a week or be deported.", set()),
    ("en", "A judge ordered six of the migrants to be expelled.", {"deportation"}),
    ("en", "Police declined to comment on the raid at the migrant hostel.", set()),
    # what used to happen year by year is background, not an event
    ("en", "In previous years, the operation against migrants was held in spring.", set()),
    ("en", "In recent years police raided migrant hostels twice a month.", set()),
    ("ru", "В прошлые годы рейды на рынках проходили весной и осенью.", set()),
    ("ru", "Ежегодно полиция проверяет общежития мигрантов.", set()),
    # "signed" closing its clause, in a story about contracts, is signing up
    ("en", "Pressed for a week about the army contract, the migrant gave in and signed.",
     {"recruitment_pressure", "enlistment"}),
    ("en", "Two of the migrants signed, the lawyer said.", {"enlistment"}),
    ("en", "The lease for the migrants' hostel was signed.", set()),
    ("en", "The migrants refused to sign.", set()),
    # raids told by the people they woke, and enlistment told without "contract"
    ("en", "Police woke them up at the migrant hostel after midnight.", {"raid"}),
    ("en", "Riot police banged on the doors of the migrants' rooms.", {"raid"}),
    ("en", "Officers went round nine pick-up points where migrants work.", {"raid"}),
    ("en", "At the market, officers checked everyone who looked like a migrant.", {"raid"}),
    ("ru", "Силовики ночью стучали в каждую комнату общежития мигрантов.", {"raid"}),
    ("en", "Several naturalized migrants were sent to Ukraine within a month.", {"enlistment"}),
    ("en", "The migrants were sent to the occupied parts of Ukraine.", set()),
    ("en", "Their families heard the migrants had expressed a wish to serve.", {"enlistment"}),
    ("en", "A third of the migrants put their names to an army contract.", {"enlistment"}),
    ("en", "The official said 5,000 naturalized migrants were already at the front.",
     {"enlistment"}),
    ("en", "The commission decided to strip a 35-year-old naturalized man from Uzbekistan of "
     "Russian citizenship.", {"citizenship_revocation"}),
    # a plan or a threat reaches over a few words to its event
    ("ru", "В следующем году МВД планирует провести на рынках города новые рейды.", set()),
    ("en", "An officer warned that migrants who skip the register would lose their permits and "
     "be deported.", set()),
    # the newsroom's own "we" does no raid; "нас" (us) were detained
    ("ru", "Мы решили проверить, как живут мигранты в хостелах.", set()),
    ("ru", "Мы отправили запрос в военкомат о задержанных мигрантах.", set()),
    ("ru", "Нас, мигрантов с патентами, задержали прямо у метро.", {"detention"}),
    ("ru", "Судя по регулярности рейдов на мигрантов, их станет больше.", set()),
    # kinds of things named after an event, duties, penalties and threats
    ("en", "Lawyers want courts to review expulsion decisions for migrants.", set()),
    ("en", "The clerk lost the deportation paperwork of two migrants.", set()),
    ("en", "Migrants registered at a place of residence must also see the military.", set()),
    ("en", "Hiring migrants without a patent is punishable by fines.", set()),
    ("en", "Migrants spoke of constant threats of expulsion.", set()),
    ("en", "Twelve migrants were expelled from Russia on Monday.", {"deportation"}),
    # a negated head word, a negated predicate of a noun, and stopping that does not stop
    ("ru", "Контракт мигрантам на этот раз не предлагали.", set()),
    ("ru", "Выдворение к задержанным мигрантам не применялось.", set()),
    ("ru", "На рынке, где работают мигранты, не прекращаются проверки.", {"raid"}),
    ("ru", "Полиция задержала 20 человек, распивавших спиртное у общежития мигрантов.", set()),
    # finding people who break the rules is how a raid is told; passengers checked at arrival
    ("ru", "На складе силовики нашли 14 иностранцев без патентов.", {"raid"}),
    ("ru", "В аэропорту пассажиров рейса из Душанбе проверяли полицейские, мигрантов "
     "опрашивали.", {"raid"}),
]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Workplace raids"),
        ("en", "Pressure to enlist"),
        ("ru", "Облавы на рынках"),
        ("en", "Tags: Russia, migrants, raids, OMON"),
    ],
)
def test_events_headings_and_tag_lines_give_no_trigger(nlp: Any, codebook: Any, lang: str,
                                                       text: str) -> None:
    context = {"ru": "Полиция проверяет мигрантов.", "en": "Police check migrants."}[lang]
    sentences = nlp.analyze(context + "\n\n" + text, lang)
    assert sentences[-1].text == text
    assert find_triggers(sentences, len(sentences) - 1, lang, codebook) == []


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_events_triggers_table(nlp: Any, codebook: Any, lang: str, text: str,
                               expected: set[str]) -> None:
    sentences = nlp.analyze(text, lang)
    found = {t.event_type for t in find_triggers(sentences, len(sentences) - 1, lang, codebook)}
    assert found == expected


def test_events_domain_cue_from_earlier_sentence(nlp: Any, codebook: Any) -> None:
    text = "На стройке в Перми проверяли мигрантов. Их доставили в военкомат."
    sentences = nlp.analyze(text, "ru")
    found = {t.event_type for t in find_triggers(sentences, 1, "ru", codebook)}
    assert found == {"escort_to_enlistment_office"}


def test_events_out_of_scope_context_blocks(nlp: Any, codebook: Any) -> None:
    text = "Officers raided a nightclub looking for drugs. Fourteen guests were detained."
    sentences = nlp.analyze(text, "en")
    assert find_triggers(sentences, 1, "en", codebook) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # an ordinary criminal case against migrants is not a raid or a migration detention
        ("ru", "Двоих приезжих задержали по делу о разбое в торговом центре."),
        ("ru", "По подозрению в вымогательстве полиция задержала троих уроженцев Таджикистана."),
        ("en", "Police detained two Uzbek migrants suspected of the murder of a shopkeeper."),
    ],
)
def test_events_ordinary_crime_is_out_of_scope(nlp: Any, codebook: Any, lang: str,
                                               text: str) -> None:
    sentences = nlp.analyze(text, lang)
    assert find_triggers(sentences, len(sentences) - 1, lang, codebook) == []


def test_events_continuing_an_out_of_scope_sentence(nlp: Any, codebook: Any) -> None:
    text = ("At least 200 migrants who fought under contract were killed last year. "
            "Most of them had been sent to the front straight from detention centres for "
            "foreigners.")
    sentences = nlp.analyze(text, "en")
    assert find_triggers(sentences, 1, "en", codebook) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("𗀀", set()),
        ("Задержали 𗀀 мигрантов.", {"detention"}),
        ("\U000e0001 рейд у мигрантов.", {"raid"}),
    ],
)
def test_events_unnamed_code_points_do_not_break_analysis(nlp: Any, codebook: Any,
                                                          text: str, expected: set[str]) -> None:
    # pymorphy asks unicodedata.name() for every character; some code points have none
    sentences = nlp.analyze(text, "ru")
    found = {t.event_type for i in range(len(sentences))
             for t in find_triggers(sentences, i, "ru", codebook)}
    assert found == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Читайте также: облава на рынке в Твери, задержаны мигранты."),
        ("ru", "Подпись к фото: полиция проверяет документы у мигрантов на стройке."),
        ("ru", "#Тверь #облава #мигранты"),
        ("en", "Read also: Police raid a hostel for migrants in Tver"),
        ("en", "Photo: officers check the papers of migrants at a market"),
        ("en", "#Tver #raid #migrants"),
    ],
)
def test_events_page_furniture_gives_no_trigger(nlp: Any, codebook: Any, lang: str,
                                                text: str) -> None:
    sentences = nlp.analyze(text, lang)
    found = [t for i in range(len(sentences)) for t in find_triggers(sentences, i, lang, codebook)]
    assert found == []


def test_events_a_report_naming_a_photo_is_not_furniture(nlp: Any, codebook: Any) -> None:
    text = "Police detained 30 migrants at a market in Tver, photos on the ministry site show."
    sentences = nlp.analyze(text, "en")
    assert {t.event_type for t in find_triggers(sentences, 0, "en", codebook)} == {"detention"}
