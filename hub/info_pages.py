"""The hub's own information pages: which channel for what, privacy, accessibility, terms.

They are ordinary editorial pages (``StandardPage``) that editors keep up to date in the admin; this
module holds their first text, in kk, ru and en, and the slugs the footer links to.
"""

CHANNELS, PRIVACY, ACCESSIBILITY, TERMS = "channels", "privacy", "accessibility", "terms"
# The footer links to these addresses under the language prefix; every translation keeps the slug.
FOOTER_SLUGS = ("about", CHANNELS, PRIVACY, ACCESSIBILITY, TERMS)

PAGES = {
    CHANNELS: {
        "kk": (
            "Қай арна не үшін",
            "Мәселеңізді қай жерге жазу керек: осы хаб, eOtinish, 109 байланыс орталығы және 1424 желісі.",
            "<h2>Осы хаб: «Адалдық алаңы» арнасы</h2>"
            "<p>Мемлекеттік қызметтер туралы ескертпелер, сыбайлас жемқорлық белгілері, қызметін теріс "
            "пайдалану және оны болдырмау жөніндегі ұсыныстар. Қаласаңыз, атыңызсыз жазасыз; түбіртек "
            "кодымен хабарламаңыздың барысын бақылайсыз. Әрбір хабарлама бір жұмыс сағаты ішінде "
            "қабылданады, жауап мерзімі алдын ала айтылады.</p>"
            "<h2>eOtinish: ресми өтініш</h2>"
            "<p>Кез келген мемлекеттік органға заңда белгіленген мерзімде жауап берілетін ресми өтініш "
            "немесе шағым керек болса, eotinish.kz порталын пайдаланыңыз.</p>"
            "<h2>109: қаланың бірыңғай байланыс орталығы</h2>"
            "<p>Жол, көлік, жылу, су, қоқыс шығару сияқты шұғыл қалалық мәселелер туралы 109 нөміріне "
            "тәулік бойы қоңырау шалыңыз.</p>"
            "<h2>1424: Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі</h2>"
            "<p>Сізден пара талап етілсе немесе сыбайлас жемқорлық қылмысы туралы білсеңіз, 1424 "
            "нөміріне қоңырау шалыңыз. Өмірге қауіп төнсе: 112.</p>",
        ),
        "ru": (
            "Какой канал для чего",
            "Куда писать о своей проблеме: этот хаб, eOtinish, контакт-центр 109 и линия 1424.",
            "<h2>Этот хаб: канал «Адалдық алаңы»</h2>"
            "<p>Замечания о государственных услугах, признаки коррупции, злоупотребления и предложения, "
            "как их предотвратить. Можно писать анонимно; по коду квитанции вы следите за ходом "
            "сообщения. Каждое сообщение принимают в течение рабочего часа и сразу называют срок "
            "ответа.</p>"
            "<h2>eOtinish: официальное обращение</h2>"
            "<p>Если нужно официальное обращение или жалоба в любой государственный орган с ответом в "
            "установленный законом срок, используйте портал eotinish.kz.</p>"
            "<h2>109: единый контакт-центр города</h2>"
            "<p>О срочных городских проблемах (дороги, транспорт, тепло, вода, вывоз мусора) звоните "
            "круглосуточно по номеру 109.</p>"
            "<h2>1424: Агентство по противодействию коррупции</h2>"
            "<p>Если у вас требуют взятку или вы знаете о коррупционном преступлении, звоните 1424. "
            "При угрозе жизни: 112.</p>",
        ),
        "en": (
            "Which channel for what",
            "Where to take your problem: this hub, eOtinish, the 109 contact centre and the 1424 line.",
            "<h2>This hub: the Adaldyq alany channel</h2>"
            "<p>Remarks on public services, signs of corruption or abuse, and ideas to prevent them. You may "
            "write anonymously and follow your report with its receipt code. Every report is picked up "
            "within one working hour and you are told by when you will get an answer.</p>"
            "<h2>eOtinish: an official appeal</h2>"
            "<p>For an official appeal or complaint to any state body, answered within the period the law "
            "sets, use the eotinish.kz portal.</p>"
            "<h2>109: the city's single contact centre</h2>"
            "<p>For urgent city problems (roads, transport, heating, water, waste removal) call 109, round "
            "the clock.</p>"
            "<h2>1424: the Anti-Corruption Agency</h2>"
            "<p>If someone demands a bribe from you or you know of a corruption crime, call 1424. If a life "
            "is in danger: 112.</p>",
        ),
    },
    PRIVACY: {
        "kk": (
            "Құпиялылық саясаты",
            "Хаб қандай деректерді сақтайды, не үшін және қанша уақыт.",
            "<h2>Тіркелгі</h2>"
            "<p>Тіркелгенде электрондық пошта мекенжайыңызды, атыңызды және хат алатын тіліңізді "
            "сақтаймыз. Оларды тек хабға кіру мен хат жіберу үшін пайдаланамыз.</p>"
            "<p>Жеке күнтізбе мекенжайын жасасаңыз, ол тек сіз тіркелген кездесулерді көрсетеді, басқа "
            "адамдардың деректерін емес. Оны «Жеке кабинетте» кез келген уақытта жаңартуға болады: ескі "
            "мекенжай бірден жұмысын тоқтатады.</p>"
            "<h2>Ұйымдар мен бастамалар</h2>"
            "<p>Ұйымның атауы, БСН, байланыс деректері және бастамалары көпшілікке арналған: оларды "
            "тізілімде кез келген адам оқи алады.</p>"
            "<h2>«Адалдық алаңы» хабарламалары</h2>"
            "<p>Атыңызсыз жіберілген хабарлама үшін IP мекенжайы, браузер немесе тіркелгі сақталмайды. "
            "Түбіртек коды тек оның хэші түрінде сақталады. Суреттер мен құжаттардағы метадеректер "
            "сақталмас бұрын өшіріледі. Жабылған істің жеке деректері сақтау мерзімі өткен соң жойылады.</p>"
            "<p>Атыңызсыз жіберілген хабарлама бойынша жаңалық туралы хат алу үшін электрондық пошта "
            "мекенжайын қалдыруға болады. Тек сол мекенжай ғана сақталады, хабарламадан бөлек; қызметкерлер "
            "оны көрмейді. Хатта тек жаңалық бар екені мен қадағалау бетінің сілтемесі болады, хабарламаның "
            "мазмұны болмайды. Мекенжай іс жабылғанда (ең кешіктіргенде келесі түні) немесе сіз оны кері "
            "алғанда жойылады: сілтеме әр хатта және қадағалау бетінде бар.</p>"
            "<h2>Cookie файлдары</h2>"
            "<p>Тек жұмысқа қажетті cookie: сессия, формаларды қорғау, таңдалған тіл және нашар көретіндерге "
            "арналған нұсқа. Бақылау немесе жарнама cookie файлдары жоқ.</p>",
        ),
        "ru": (
            "Политика конфиденциальности",
            "Какие данные хранит хаб, зачем и как долго.",
            "<h2>Учётная запись</h2>"
            "<p>При регистрации мы храним ваш адрес электронной почты, имя и язык писем. Они нужны только "
            "для входа в хаб и отправки писем.</p>"
            "<p>Если вы создадите адрес личного календаря, он показывает только встречи, на которые вы "
            "зарегистрированы, без данных других людей. Его можно в любой момент сбросить в «Личном "
            "кабинете»: старый адрес сразу перестаёт работать.</p>"
            "<h2>Организации и инициативы</h2>"
            "<p>Название организации, БИН, контакты и инициативы публичны: их может прочитать любой "
            "посетитель реестра.</p>"
            "<h2>Сообщения «Адалдық алаңы»</h2>"
            "<p>Для анонимного сообщения не сохраняются IP-адрес, браузер и учётная запись. Код квитанции "
            "хранится только в виде хэша. Метаданные фотографий и документов удаляются до сохранения. "
            "Личные данные закрытого дела удаляются по истечении срока хранения.</p>"
            "<p>К анонимному сообщению можно оставить адрес электронной почты только для писем о новостях "
            "по делу. Хранится только этот адрес, отдельно от сообщения; сотрудники его не видят. В письме "
            "лишь сказано, что есть новости, и дана ссылка на страницу отслеживания, без содержания "
            "сообщения. Адрес удаляется при закрытии дела (не позже следующей ночи) или когда вы его "
            "отзовёте: ссылка есть в каждом письме и на странице отслеживания.</p>"
            "<h2>Файлы cookie</h2>"
            "<p>Только необходимые для работы: сессия, защита форм, выбранный язык и версия для "
            "слабовидящих. Файлов cookie для слежки и рекламы нет.</p>",
        ),
        "en": (
            "Privacy policy",
            "What the hub keeps, why and for how long.",
            "<h2>Your account</h2>"
            "<p>When you sign up we keep your email address, your name and the language of your emails. We "
            "use them only to sign you in and to send you email.</p>"
            "<p>If you create a personal calendar address, it shows only the meetings you registered for, "
            "nothing about other people. You can reset it at any time in \u201cMy account\u201d: the old "
            "address stops working at once.</p>"
            "<h2>Organisations and initiatives</h2>"
            "<p>An organisation's name, BIN, contacts and initiatives are public: anyone reading the "
            "registry can see them.</p>"
            "<h2>Adaldyq alany reports</h2>"
            "<p>For an anonymous report no IP address, browser or account is stored. The receipt code is "
            "kept only as a hash. Metadata in photos and documents is removed before they are stored. A "
            "closed case's personal data is deleted when its retention period ends.</p>"
            "<p>With an anonymous report you may leave an email address only to hear that there is news of "
            "your case. Only that address is kept, apart from the report; staff never see it. The email says "
            "only that there is news, with the link to the tracking page, never anything from the report. "
            "The address is deleted when the case closes (by the following night at the latest) or when you "
            "withdraw it: the link is in every email and on the tracking page.</p>"
            "<h2>Cookies</h2>"
            "<p>Only those the site needs to work: the session, form protection, your language and the "
            "low-vision version. No tracking or advertising cookies.</p>",
        ),
    },
    ACCESSIBILITY: {
        "kk": (
            "Қолжетімділік туралы мәлімдеме",
            "Хабты кез келген адам пайдалана алуы үшін не істедік және нені әлі түзетеміз.",
            "<p>Хаб WCAG 2.1 AA деңгейіне сай болуға тырысады: беттер пернетақтамен басқарылады, "
            "өрістердің белгілері бар, мәтін мен фонның контрасты жеткілікті, беттер 360 пиксельдік "
            "телефон экранында да оқылады.</p>"
            "<p>Әр беттің жоғарғы жағындағы «Нашар көретіндерге арналған нұсқа» сілтемесі мәтінді "
            "үлкейтеді, контрастты күшейтеді және суреттерді жасырады.</p>"
            "<p>Бетті пайдалану қиын болса, 109 нөміріне қоңырау шалыңыз немесе «Адалдық алаңы» арнасы "
            "арқылы жазыңыз: мәселені түзетіп, жауап береміз.</p>",
        ),
        "ru": (
            "Заявление о доступности",
            "Что сделано, чтобы хабом мог пользоваться каждый, и что мы ещё исправляем.",
            "<p>Хаб стремится соответствовать уровню WCAG 2.1 AA: страницами можно пользоваться с "
            "клавиатуры, у полей есть подписи, контраст текста достаточен, страницы читаются на экране "
            "телефона шириной 360 пикселей.</p>"
            "<p>Ссылка «Версия для слабовидящих» вверху каждой страницы увеличивает текст, усиливает "
            "контраст и скрывает изображения.</p>"
            "<p>Если какой-то страницей трудно пользоваться, позвоните по номеру 109 или напишите через "
            "канал «Адалдық алаңы»: мы исправим и ответим.</p>",
        ),
        "en": (
            "Accessibility statement",
            "What we did so that everyone can use the hub, and what we are still fixing.",
            "<p>The hub aims to meet WCAG 2.1 level AA: pages work with a keyboard, fields are labelled, text "
            "has enough contrast, and pages read on a 360-pixel phone screen.</p>"
            "<p>The \u201cLow-vision version\u201d link at the top of every page makes text larger, raises the "
            "contrast and hides images.</p>"
            "<p>If a page is hard to use, call 109 or write through the Adaldyq alany channel: we will fix it "
            "and answer.</p>",
        ),
    },
    TERMS: {
        "kk": (
            "Пайдалану шарттары",
            "Тіркелгі ашқанда келісетін ережелер.",
            "<p>Хабқа өзіңіз туралы және өз ұйымыңыз туралы шынайы мәліметтер жазасыз.</p>"
            "<p>Басқа адамдардың жеке деректерін, қорлауды, үгітті немесе жарнаманы жарияламайсыз. "
            "Модераторлар мұндай мәтінді жасырады.</p>"
            "<p>Ұйымдардың, бастамалардың және кездесу сұрақтарының мәтіні көпшілікке жарияланады.</p>"
            "<p>Атыңызды және хат тілін «Жеке кабинет» бетінде өзгерте аласыз.</p>",
        ),
        "ru": (
            "Условия использования",
            "Правила, с которыми вы соглашаетесь, создавая учётную запись.",
            "<p>Вы пишете в хабе правдивые сведения о себе и своей организации.</p>"
            "<p>Вы не публикуете чужие личные данные, оскорбления, агитацию и рекламу. Модераторы скрывают "
            "такой текст.</p>"
            "<p>Тексты организаций, инициатив и вопросов к встречам публикуются открыто.</p>"
            "<p>Имя и язык писем можно изменить на странице «Личный кабинет».</p>",
        ),
        "en": (
            "Terms of use",
            "The rules you accept when you create an account.",
            "<p>You write true information about yourself and your organisation.</p>"
            "<p>You do not publish other people's personal data, insults, campaigning or advertising. "
            "Moderators hide such text.</p>"
            "<p>Texts of organisations, initiatives and questions for meetings are published openly.</p>"
            "<p>You can change your name and the language of your emails on the \u201cMy account\u201d page.</p>",
        ),
    },
}
