"""Cross-site scripting vectors that member text must never turn into live markup.

Drawn from the families of the OWASP XSS filter evasion cheat sheet, plus the Markdown
forms that reach HTML through links, images and autolinks. Each payload, if it ever ran,
would call ``alert(1)`` or set ``window.__xss``, so a browser test can tell.

Used by ``tests/test_xss_corpus.py`` (the sanitized HTML) and
``tests/browser/test_xss_page.py`` (a real page in Chromium).
"""

XSS_VECTORS: list[tuple[str, str]] = [
    # Script tags: plain, case, nesting, broken, split and encoded.
    ("script tag", "<script>alert(1)</script>"),
    ("script tag mixed case", "<ScRiPt>window.__xss=1</sCrIpT>"),
    ("script with src", '<script src="http://xss.example/xss.js"></script>'),
    ("script nested in itself", "<scr<script>ipt>window.__xss=1</scr</script>ipt>"),
    ("script unclosed", "<script>window.__xss=1//"),
    ("script with extra open bracket", "<<script>alert(1);//<</script>"),
    ("script with slash attribute", '<script/xss src="http://xss.example/xss.js"></script>'),
    ("script after closing title", "</title><script>window.__xss=1</script>"),
    ("script after closing textarea", "</textarea><script>window.__xss=1</script>"),
    ("script with double-quote breakout", '"><script>window.__xss=1</script>'),
    ("script url-encoded", "%3Cscript%3Ewindow.__xss=1%3C/script%3E"),
    ("script entity-encoded", "&lt;script&gt;window.__xss=1&lt;/script&gt;"),
    # Event handlers.
    ("img onerror", '<img src=x onerror="window.__xss=1">'),
    ("img onerror unquoted", "<img src=x onerror=alert(1)>"),
    ("img onerror with backticks", "<img src=`x` onerror=`window.__xss=1`>"),
    ("img onerror slash separator", "<img/src=x/onerror=window.__xss=1>"),
    ("body onload", "<body onload=window.__xss=1>"),
    ("div onmouseover", '<div onmouseover="window.__xss=1">hover me</div>'),
    ("input onfocus autofocus", "<input onfocus=window.__xss=1 autofocus>"),
    ("details ontoggle open", "<details open ontoggle=window.__xss=1>"),
    ("video source onerror", "<video><source onerror=window.__xss=1></video>"),
    ("marquee onstart", "<marquee onstart=window.__xss=1>x</marquee>"),
    ("a with onclick", '<a href="https://example.org" onclick="window.__xss=1">x</a>'),
    ("event handler after fake attribute", '<img """><script>window.__xss=1</script>">'),
    # javascript:, vbscript: and data: URLs, plain and entity-encoded.
    ("a href javascript", '<a href="javascript:window.__xss=1">x</a>'),
    ("img src javascript", '<img src="javascript:alert(1)">'),
    ("img src vbscript", "<img src='vbscript:msgbox(\"XSS\")'>"),
    ("a href data html", '<a href="data:text/html,<script>alert(1)</script>">x</a>'),
    (
        "a href decimal entities without semicolons",
        '<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)">x</a>',
    ),
    (
        "a href long decimal entities",
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114'
        '&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    ),
    (
        "a href hex entities without semicolons",
        '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3Awindow.__xss=1">x</a>',
    ),
    ("a href embedded tab", '<a href="jav\tascript:window.__xss=1">x</a>'),
    ("a href encoded tab", '<a href="jav&#x09;ascript:window.__xss=1">x</a>'),
    ("a href encoded newline", '<a href="jav&#x0A;ascript:window.__xss=1">x</a>'),
    ("a href encoded carriage return", '<a href="jav&#x0D;ascript:window.__xss=1">x</a>'),
    ("a href null character", '<a href="java\x00script:window.__xss=1">x</a>'),
    ("a href leading spaces and meta chars", '<a href=" &#14;  javascript:alert(1)">x</a>'),
    # SVG and MathML.
    ("svg onload", "<svg onload=window.__xss=1>"),
    ("svg slash onload", "<svg/onload=alert(1)>"),
    ("svg script", "<svg><script>window.__xss=1</script></svg>"),
    (
        "svg xlink href",
        '<svg><a xlink:href="javascript:window.__xss=1"><text x="20" y="20">x</text></a></svg>',
    ),
    ("svg animate href", '<svg><animate attributeName="href" values="javascript:alert(1)"/>'),
    (
        "math href",
        '<math><mtext><a href="javascript:window.__xss=1">x</a></mtext></math>',
    ),
    # CSS.
    ("style attribute expression", '<div style="width: expression(alert(1));">x</div>'),
    (
        "style attribute url javascript",
        '<div style="background-image: url(javascript:window.__xss=1)">x</div>',
    ),
    ("style tag import", '<style>@import "javascript:alert(1)";</style>'),
    ("style tag behavior", "<style>li {list-style-image: url(javascript:alert(1));}</style>"),
    (
        "style attribute escaped expression",
        '<img style="xss:expr/*XSS*/ession(window.__xss=1)">',
    ),
    ("link stylesheet", '<link rel="stylesheet" href="javascript:alert(1)">'),
    # Frames, objects, base, meta and forms.
    ("iframe javascript", '<iframe src="javascript:window.__xss=1"></iframe>'),
    ("iframe srcdoc", '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>'),
    ("object data", '<object data="javascript:window.__xss=1"></object>'),
    (
        "embed base64 svg",
        '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    ),
    ("base href", '<base href="javascript:alert(1);//">'),
    (
        "meta refresh",
        '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1;">',
    ),
    (
        "meta refresh data url",
        '<meta http-equiv="refresh" content="0;url=data:text/html;base64,'
        'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg">',
    ),
    (
        "form action",
        '<form action="javascript:window.__xss=1"><button>go</button></form>',
    ),
    ("button formaction", '<button formaction="javascript:alert(1)">go</button>'),
    # Broken and unclosed markup, comments and CDATA.
    ("unclosed img", '<img src="x" onerror="window.__xss=1"'),
    ("half-open tag", "<iframe src=http://xss.example/ <"),
    ("comment hiding script", "<!--<img src=x onerror=window.__xss=1>-->"),
    ("comment breakout", "<!-- --!><script>window.__xss=1</script> -->"),
    ("conditional comment", "<!--[if gte IE 4]><script>window.__xss=1</script><![endif]-->"),
    ("cdata", "<![CDATA[<script>window.__xss=1</script>]]>"),
    ("xml processing instruction", '<?xml-stylesheet href="javascript:alert(1)"?>'),
    ("noscript breakout", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    ("textarea breakout", '<textarea><img title="</textarea><img src=x onerror=alert(1)>">'),
    # Markdown links, images and autolinks.
    ("markdown link javascript", "[x](javascript:alert(1))"),
    ("markdown link mixed case", "[x](JaVaScRiPt:window.__xss=1)"),
    ("markdown link entity", "[x](&#106;avascript:window.__xss=1)"),
    ("markdown link entity without semicolon", "[x](&#106avascript:alert(1))"),
    ("markdown link hex entity colon", "[x](javascript&#x3A;window.__xss=1)"),
    ("markdown link encoded tab", "[x](java&#9;script:alert(1))"),
    ("markdown link percent encoded", "[x](javascript%3Awindow.__xss=1)"),
    ("markdown link named entity colon", "[x](javascript&colon;window.__xss=1)"),
    ("markdown link named entity tab", "[x](java&Tab;script:window.__xss=1)"),
    ("markdown link with title", "[x](javascript:window.__xss=1 'title')"),
    ("markdown link after a safe one", "[a](https://example.org)[b](javascript:alert(1))"),
    ("markdown link nested brackets", "[[x](javascript:alert(1))](https://example.org)"),
    ("markdown mailto with script", "[x](mailto:a@example.org?body=<script>alert(1)</script>)"),
    ("markdown link angle brackets", "[x](<javascript:window.__xss=1>)"),
    ("markdown link leading space", "[x]( javascript:alert(1))"),
    ("markdown link vbscript", '[x](vbscript:msgbox("XSS"))'),
    (
        "markdown link data base64",
        "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    ),
    ("markdown image javascript", "![x](javascript:window.__xss=1)"),
    ("markdown image onerror breakout", '![x](x" onerror="window.__xss=1)'),
    ("markdown image title breakout", '![x](https://example.org/x.png "x\\" onerror=\\"alert(1)")'),
    ("markdown autolink javascript", "<javascript:window.__xss=1>"),
    ("markdown autolink javascript mixed case", "<JAVASCRIPT:alert(1)>"),
    ("markdown autolink data", "<data:text/html,<script>alert(1)</script>>"),
    ("markdown reference link", "[x][xss]\n\n[xss]: javascript:window.__xss=1"),
    ("markdown reference link with title", '[x][r]\n\n[r]: javascript:alert(1) "title"'),
    (
        "markdown link title breakout",
        '[x](https://example.org "a\\" onmouseover=\\"window.__xss=1")',
    ),
    ("markdown link title with quote", "[x](https://example.org 'x\" onclick=\"alert(1)')"),
    ("markdown link href quote breakout", '[x](https://example.org/"onmouseover="alert(1))'),
    ("markdown link text holds html", "[<img src=x onerror=window.__xss=1>](https://example.org)"),
    ("markdown code span holds script", "`<script>window.__xss=1</script>`"),
    ("markdown fenced code holds script", "```html\n<script>window.__xss=1</script>\n```"),
    ("markdown heading holds html", "## <img src=x onerror=window.__xss=1>"),
    ("markdown bare javascript text", "javascript:window.__xss=1"),
    ("markdown bare www link with quote", 'www.example.org/"onmouseover="alert(1)'),
    ("bare link with script", "https://example.org/<script>window.__xss=1</script>"),
    ("bare link with quote breakout", 'http://example.org/"onmouseover="window.__xss=1"'),
    ("bare link with img in query", "www.example.org?q=<img src=x onerror=alert(1)>"),
]
