"""The ad networks and counters of Japanese, Korean, Czech, Russian, Ukrainian, Brazilian and
Indian publishers' pages, and the current tags of
two western ones whose units went unread (Yieldmo's placement, Revcontent's delivery.js
widget): each page is a blog post of the site's own carrying the vendor's publisher tag as
sites' copies of it show it, audited with the system filter lists. Every network is named
and no other, each unit the tag writes is a slot of it, its zone, spot or unit IDs are read
with their kind, and the publisher's own tag draws no medium or high finding.

The IDs are made up; docs/CONTRACT-ADDITIONS.md ("East Asian and Czech ad stacks") lists
the tags."""

from __future__ import annotations

import pytest

from .stacks import AuditStack, Stack, assert_names_none, assert_read, serious, stack

_P = "<p>Whisk the eggs with the sugar until pale, then fold in the flour.</p>"

YADS = "Yahoo! JAPAN Ads (YADS)"
RAKUTEN = "Rakuten Affiliate"
_YADS_SYNC = ('<script type="text/javascript" language="JavaScript">yads_ad_ds = '
              "'{ds}';</script><script type=\"text/javascript\" language=\"JavaScript\" "
              'src="https://yads.c.yimg.jp/js/yads.js"></script>')
_YADS_ASYNC = ('<div id="{el}"></div><script type="text/javascript">yadsRequestAsync('
               "{{yads_ad_ds: '{ds}', yads_parent_element: '{el}'}});</script>")
_ADFIT = ('<ins class="kakao_ad_area" style="display:none;" data-ad-unit="{unit}" '
          'data-ad-width="300" data-ad-height="250"></ins><script type="text/javascript" '
          'src="//t1.daumcdn.net/kas/static/ba.min.js" async></script>')
_FLUCT = ('<div class="fluct-unit-{unit}"></div><script type="text/javascript">'
          "var fluctAdScript = fluctAdScript || {{}};\n"
          "fluctAdScript.cmd = fluctAdScript.cmd || [];\n"
          "fluctAdScript.cmd.push(function (cmd) {{\n"
          '  cmd.loadByGroup("1000188204");\n'
          '  cmd.display(".fluct-unit-{unit}", "{unit}");\n}});</script>')
_LOGLY = ('<div id="logly-lift-{spot}"></div><script charset="UTF-8">(function(){{var _lgy_lw = '
          'document.createElement("script");_lgy_lw.type = "text/javascript";_lgy_lw.charset = '
          '"UTF-8";_lgy_lw.async = true;_lgy_lw.src= "https://l.logly.co.jp/lift_widget.js?'
          'adspot_id={spot}";var _lgy_lw_0 = document.getElementsByTagName("script")[0];'
          '_lgy_lw_0.parentNode.insertBefore(_lgy_lw, _lgy_lw_0);}})();</script>')
_GENIEE = ('<div class="ad-box"><!--  ad tags Size: 300x250 ZoneId:{zone}-->\n'
           '<script type="text/javascript" src="https://js.gsspcln.jp/t/{a}/{b}/a{zone}.js">'
           "</script></div>")
_MICROAD_HEAD = ('<script type="text/javascript">var microadCompass = microadCompass || {}; '
                 "microadCompass.queue = microadCompass.queue || [];</script>"
                 '<script type="text/javascript" charset="UTF-8" src="//j.microad.net/js/'
                 'compass.js" onload="new microadCompass.AdInitializer().initialize();" async>'
                 "</script>")
_MICROAD = ('<div id="{spot}"><script type="text/javascript">microadCompass.queue.push({{\n'
            '"spot": "{spot}",\n"url": "${{COMPASS_EXT_URL}}",\n'
            '"referrer": "${{COMPASS_EXT_REF}}"\n}});</script></div>')
_IMOBILE = ('<div id="im-{el}"><script async src="https://imp-adedge.i-mobile.co.jp/script/v1/'
            'spot.js?20220104"></script><script>(window.adsbyimobile=window.adsbyimobile||[])'
            '.push({{pid:48213,mid:662190,asid:{asid},type:"banner",display:"inline",'
            'elementid:"im-{el}"}})</script></div>')
_OPENSTAT = ('<span id="openstat{counter}"></span><script type="text/javascript">\nvar openstat '
             '= {{ counter: {counter}, image: 5081, color: "c3c3c3", next: openstat }};\n'
             '(function(d, t, p) {{ var j = d.createElement(t); j.async = true; j.src = '
             '("https:" == p ? "https:" : "http:") + "//openstat.net/cnt.js"; var s = '
             'd.getElementsByTagName(t)[0]; s.parentNode.insertBefore(j, s); }})(document, '
             '"script", document.location.protocol);</script>')
_LUXUP_OLD = ('<script type="text/javascript">(function(){{var j={block},f=false,b=document;'
              'function g(){{return "rt="+(new Date).getTime()%1E7}}function i(){{var a=b.'
              'createElement("script");a.setAttribute("src","http://c.luxup.ru/t/lb"+j+".js?"+'
              'g());b.getElementsByTagName("head")[0].appendChild(a)}}function d(){{if(!f){{f='
              'true;i()}}}};b.addEventListener("DOMContentLoaded",d,false)}})();</script>')
_LUXUP_BLOCK = ("<script type='text/javascript' src='//luxupcdna.com/t/common_400.js'></script>"
                "<script class='__lxGc__' type='text/javascript'>((__lxGc__=window.__lxGc__||"
                "{'s':{},'b':0})['s']['_208137']=__lxGc__['s']['_208137']||{'b':{}})['b']"
                "['_611820']={'i':__lxGc__.b++};</script><br id=\"lxBlockPlaceholder\"/>")
_SSP_HEAD = '<script src="https://ssp.seznam.cz/static/js/ssp.js"></script>'
_SSP_UNITS = ('<div id="ssp-zone-318204"></div>' + _P + '<div id="ssp-zone-318205"></div>'
              '<script>sssp.getAds([\n'
              '  {"zoneId": 318204, "id": "ssp-zone-318204", "width": 300, "height": 250},\n'
              '  {"zoneId": 318205, "id": "ssp-zone-318205", "width": 300, "height": 600}\n'
              "]);</script>")
_SKLIK = ('<div id="sklikReklama_{zone}"></div><script type="text/javascript">var sklikData = '
          '{{ elm: "sklikReklama_{zone}", zoneId: "{zone}", w: 300, h: 250 }};</script>'
          '<script type="text/javascript" src="//c.imedia.cz/js/script.js"></script>')
_YIELDMO = ('<div id="ym_{p}" class="ym"></div><script type="text/javascript">(function(e,t)'
            '{{if(t._ym===void 0){{t._ym="";var m=e.createElement("script");'
            'm.type="text/javascript",m.async=!0,m.src="//static.yieldmo.com/ym.1.js",'
            '(e.getElementsByTagName("head")[0]||e.getElementsByTagName("body")[0])'
            '.appendChild(m)}}}})(document,window);</script>')

# Chinese and Japanese publishers' older tags (2010s): Baidu's ad manager (CLB), CNZZ's ad
# manager, MicroAd's VASCO zone tag (OpenX's invocation on MicroAd's host) and its BLADE
# tracking tag, and the grey-market units a CNZZ slot was filled with (andmejs's loader,
# Qiyou's box, 88rpg's frame)
_BAIDU_CLB = '<script type="text/javascript">BAIDU_CLB_fillSlot("{slot}");</script>'
_CNZZ_SLOT = ('<div class="pic300"><script>CNZZ_SLOT_RENDER(\'{slot}\');</script><script '
              'type="text/javascript" charset="gbk" src="http://js.adm.cnzz.net/appgcm.php?'
              'sid={slot}&amp;fn=CNZZ_AD_RSLOT&amp;width=1280&amp;height=800"></script></div>')
_VASCO = ("<div class=\"banner_top\"><!--/* VASCO Javascript Tag v */-->\n<script type='text/"
          "javascript'><!--//<![CDATA[\n   var m3_u = 'http://vsc.send.microad.jp/delivery/ajs."
          "php';\n   var m3_r = Math.floor(Math.random()*99999999999);\n   if (!document.MAX_used)"
          " document.MAX_used = ',';\n   document.write (\"<scr\"+\"ipt type='text/javascript' "
          "src='\"+m3_u);\n   document.write (\"?zoneid=27104&amp;charset=UTF-8\");\n   document."
          "write ('&amp;cb=' + m3_r);\n   document.write (\"'><\\/scr\"+\"ipt>\");\n//]]>-->"
          "</script>"
          "<noscript><a href='http://vsc.send.microad.jp/delivery/ck.php?n=a7c2e91d&amp;cb=1' "
          "target='_blank'><img src='http://vsc.send.microad.jp/delivery/avw.php?zoneid=27104&amp;"
          "cb=1&amp;n=a7c2e91d' border='0' alt='' /></a></noscript></div>")
_BLADE = ('<script type="text/javascript" class="microad_blade_track">\n<!--\nvar microad_blade_jp'
          " = microad_blade_jp || { 'params' : new Array(), 'complete_map' : new Object() };\n"
          "(function() {\nvar param = {'co_account_id' : '27104', 'group_id' : '', 'country_id'"
          " : '1', 'ver' : '2.1.0'};\nmicroad_blade_jp.params.push(param);\nvar src = (location."
          "protocol == 'https:') ? 'https://d-cache.microad.jp/js/blade_track_jp.js' : 'http://"
          "d-cache.microad.jp/js/blade_track_jp.js';\nvar bs = document.createElement('script');"
          "\nbs.async = true; bs.src = src;\nvar s = document.getElementsByTagName('script')[0];"
          "\ns.parentNode.insertBefore(bs, s);\n})();\n-->\n</script>")
# q: base64 of "48213|30517|99|12|0||1700000000|<hash>|0|100|0|0", the publisher first
_QIYOU_Q = "NDgyMTN8MzA1MTd8OTl8MTJ8MHx8MTcwMDAwMDAwMHw5YjFjMmQzZTRmfDB8MTAwfDB8MA%3D%3D"
_QIYOU_BOX = ('<div id="__QY_CL_Div_1700000000123_4" height="90" width="960" '
              'url="http://c.qiyou.com/popup.php?t=1700000000123&amp;q=' + _QIYOU_Q + '&amp;w=960'
              '&amp;h=90" style="display: inline-block; width: 960px; height: 90px;"><iframe src="'
              'http://c.qiyou.com/popup.php?t=1700000000123&amp;q=' + _QIYOU_Q + '&amp;w=960&amp;'
              'h=90" width="960" height="90" frameborder="0" scrolling="no"></iframe></div>')
_QIYOU = '<div class="pic960">' + _QIYOU_BOX + "</div>"
_RPG_UNIT = ('<script type="text/javascript" src="http://cpc.88rpg.net/js/c/27104_3001.js">'
             '</script><iframe src="http://cpc.88rpg.net/html/click/27104_3001.html" '
             'width="960" height="90" frameborder="0" scrolling="no"></iframe>')
_ADSENSE = ('<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'
            '?client=ca-pub-4821093765120384" crossorigin="anonymous"></script><ins class="'
            'adsbygoogle" style="display:inline-block;width:300px;height:250px" data-ad-client="'
            'ca-pub-4821093765120384" data-ad-slot="7310492865"></ins><script>(adsbygoogle = '
            'window.adsbygoogle || []).push({});</script>')
# Russian sites' AdRiver RLE code: the frame written in place, its no-script banner after it
_ADRIVER = ('<div class="Banner"><!-- RLE code START --><script language="JavaScript" type="text/'
            "javascript\">\n<!--\nvar RndNum4NoCash = Math.round(Math.random() * 1000000000);\n"
            "var ar_Tail='unknown'; if (document.referrer) ar_Tail = escape(document.referrer);\n"
            "document.write(\n'<iframe src=\"http://ad.adriver.ru/cgi-bin/erle.cgi'\n+ '?sid=48213"
            "&bn=0&target=blank&bt=1&pz=0&tail256=' + ar_Tail + '&rnd=' + RndNum4NoCash\n+ '\" "
            "frameborder=0 width=468 height=60 scrolling=no></iframe>');\n// -->\n</script>"
            '<noscript><a href="http://ad.adriver.ru/cgi-bin/click.cgi?sid=48213&bn=0&bt=1&pz=0&'
            'rnd=1" target=_blank><img src="http://ad.adriver.ru/cgi-bin/rle.cgi?sid=48213&bn=0&'
            'bt=1&pz=0&rnd=1" alt="-AdRiver-" border=0 width=468 height=60></a></noscript>'
            "<!-- RLE code END --></div>")

_HOTLOG = (
    '<script type="text/javascript" language="javascript">hotlog_js="1.0"; hotlog_r=""+Math.'
    'random()+"&s=2718204&im=307&r="+escape(document.referrer)+"&pg="+escape(window.location.'
    'href);document.write("<a href=\'http://click.hotlog.ru/?2718204\' target=\'_top\'><img "+'
    '"src=\'http://hit41.hotlog.ru/cgi-bin/hotlog/count?"+hotlog_r+"\' border=\'0\' width=\'88'
    '\' height=\'31\' alt=\'HotLog\'><\\/a>");</script><noscript><a href="http://click.hotlog.'
    'ru/?2718204" target="_top"><img src="http://hit41.hotlog.ru/cgi-bin/hotlog/count?s=2718204'
    '&amp;im=307" border="0" width="88" height="31" alt="HotLog"></a></noscript>')
_BIGMIR = (
    '<script type="text/javascript" language="javascript">bmN=navigator,bmD=document,bmD.cookie'
    "='b=b',i=0,bs=[],bm={o:1,v:16927310,s:16927310,t:0,c:bmD.cookie?1:0,n:Math.round((Math."
    "random()* 1000000)),w:0};r=bmD.referrer.replace(/^\\w+:\\/\\//,'');if(r&&r.split('/')[0]!="
    "window.location.host){bm.f=escape(r).slice(0,400);bm.v^=r.length}for(var x in bm) if(/^["
    "ovstcnwmydrf]$/.test(x)) bs[i++]=x+bm[x];bmD.write('<sc'+'ript type=\"text/javascript\" "
    "src=\"//c.bigmir.net/?'+bs.join('&')+'\"></sc'+'ript>');</script><noscript><img src=\"//c."
    'bigmir.net/?v16927310&amp;s16927310&amp;t2" width="0" height="0" alt="" border="0" />'
    "</noscript>")
_RATING_MAIL_RU = (
    "<script type=\"text/javascript\">var a='';js=10;d=document;try{a+=';r='+escape(d.referrer);"
    "}catch(e){}d.write('<a href=\"http://top.mail.ru/jump?from=2718204\"><img src=\"http://d4.c3"
    ".b1.a1.top.list.ru/counter?id=2718204;t=49;js='+js+a+';rand='+Math.random()+'\" alt=\"\" "
    "height=\"31\" width=\"88\" \\/><\\/a>');</script><noscript><a href=\"http://top.mail.ru/"
    'jump?from=2718204"><img src="http://d4.c3.b1.a1.top.list.ru/counter?js=na;id=2718204;t=49"'
    ' height="31" width="88" alt="" /></a></noscript>')

STACKS = [
    stack("Yahoo! JAPAN", "sync yads.js, once per unit", "",
          _P + _YADS_SYNC.format(ds="48213_271904") + _P + _YADS_SYNC.format(ds="48213_271905"),
          {YADS}, {YADS: 2}, ("yads-ds", "48213_271904"), ("yads-ds", "48213_271905")),
    stack("Yahoo! JAPAN", "yads-async.js + yadsRequestAsync into a container",
          '<script type="text/javascript" src="https://yads.c.yimg.jp/js/yads-async.js">'
          "</script>",
          _P + _YADS_ASYNC.format(el="yads_rect_1", ds="48213_271906") + _P,
          {YADS}, {YADS: 1}, ("yads-ds", "48213_271906")),
    # its header bidding's helper frames, each handed its bidder's call in the fragment: the
    # bidders are named, but the member, placement and zone are Yahoo's own seats, in every
    # YADS publisher's frames (bulk would join them all): the ad space is the site's one ID
    stack("Yahoo! JAPAN", "yads.js + AST and Criteo helper frames (fragment JSON)", "",
          _P + _YADS_SYNC.format(ds="48213_271907") + _P
          + '<iframe src="https://s.yimg.jp/images/listing/tool/yads/ast.html#%7B%22command%22'
          '%3A%22AST_callAds%22%2C%22params%22%3A%7B%22tagId%22%3A%228290417%22%2C%22member'
          '%22%3A%224021%22%7D%7D" style="display: none;" width="0" height="0"></iframe>'
          '<iframe src="https://s.yimg.jp/images/listing/tool/yads/criteo_api.html#%7B%22command'
          '%22%3A%22callAds%22%2C%22params%22%3A%7B%22zoneid%22%3A%22318277%22%7D%7D" '
          'style="display: none;" width="0" height="0"></iframe>',
          {YADS, "Xandr (AppNexus)", "Criteo"}, {YADS: 1}, ("yads-ds", "48213_271907")),
    stack("Kakao AdFit", "ins.kakao_ad_area + ba.min.js, pasted per unit", "",
          _P + _ADFIT.format(unit="DAN-q7Rk2mWz9XbT4cLp") + _P
          + _ADFIT.format(unit="DAN-Vb3nQ8sKx1YeHw5J"),
          {"Kakao AdFit"}, {"Kakao AdFit": 2}, ("adfit-unit", "DAN-q7Rk2mWz9XbT4cLp"),
          ("adfit-unit", "DAN-Vb3nQ8sKx1YeHw5J")),
    stack("fluct", "p.js + fluct-unit div + loadByGroup/display",
          '<script type="text/javascript" src="https://pdn.adingo.jp/p.js" async></script>',
          _P + _FLUCT.format(unit="1000273811") + _P,
          {"fluct"}, {"fluct": 1}, ("fluct-unit", "1000273811"), ("fluct-group", "1000188204")),
    stack("popIn", "searchbox/<site>.js + _popIn_recommend container",
          '<script async src="//api.popin.cc/searchbox/exampleblog.js"></script>',
          _P + '<div class="_popIn_recommend" data-url="https://example-blog.com/post/"></div>',
          {"popIn"}, {"popIn": 1}, ("popin-site", "exampleblog")),
    stack("LOGLY", "logly-lift-<adspot> div + lift_widget.js, per unit", "",
          _P + _LOGLY.format(spot="4300127") + _P + _LOGLY.format(spot="4300128"),
          {"LOGLY"}, {"LOGLY": 2}, ("logly-adspot", "4300127"), ("logly-adspot", "4300128")),
    stack("UZOU", "uz-<placement> div + outer-frame.min.js", "",
          _P + '<div class="uz-exampleblog_pc uz-ny"></div><script async src="https://speee-ad.'
          'akamaized.net/tag/exampleblog_pc/js/outer-frame.min.js"></script>' + _P,
          {"UZOU"}, {"UZOU": 1}, ("uzou-placement", "exampleblog_pc")),
    stack("Geniee", "js.gsspcln.jp/t/…/a<zone>.js unit tags", "",
          _P + _GENIEE.format(a="526", b="184", zone="1526184") + _P
          + _GENIEE.format(a="526", b="185", zone="1526185"),
          {"Geniee"}, {"Geniee": 2}, ("geniee-zone", "1526184"), ("geniee-zone", "1526185")),
    stack("MicroAd", "COMPASS compass.js + queue.push({spot}) units", _MICROAD_HEAD,
          _P + _MICROAD.format(spot="7c3e91d0a45b2f6e8d1c0b9a7e6f5d42") + _P,
          {"MicroAd"}, {"MicroAd": 1}, ("microad-spot", "7c3e91d0a45b2f6e8d1c0b9a7e6f5d42")),
    stack("i-mobile", "spot.js + adsbyimobile.push({pid, asid})", "",
          _P + _IMOBILE.format(el="5c1e93a2f4b84d7e9a06b3c2d1e0f4a7", asid="1803374") + _P,
          {"i-mobile"}, {"i-mobile": 1}, ("imobile-spot", "1803374"),
          ("imobile-publisher", "48213")),
    stack("i-mobile", "legacy imobile_pid/imobile_asid + ads.js", "",
          _P + '<script type="text/javascript">imobile_pid = "48213"; imobile_asid = "1803375";'
          " imobile_width = 300; imobile_height = 250;</script><script type=\"text/javascript\""
          ' src="https://spdeliver.i-mobile.co.jp/script/ads.js?20101001"></script>' + _P,
          {"i-mobile"}, {"i-mobile": 1}, ("imobile-spot", "1803375"),
          ("imobile-publisher", "48213")),
    stack("Seznam Sklik", "ssp.js + sssp.getAds([…]) into ssp-zone-<zone> divs", _SSP_HEAD,
          _P + _SSP_UNITS + _P, {"Seznam Sklik"}, {"Seznam Sklik": 2},
          ("sklik-zone", "318204"), ("sklik-zone", "318205")),
    stack("Seznam Sklik", "legacy sklikData + c.imedia.cz/js/script.js, per unit", "",
          _P + _SKLIK.format(zone="72119") + _P + _SKLIK.format(zone="72120"),
          {"Seznam Sklik"}, {"Seznam Sklik": 2}, ("sklik-zone", "72119"),
          ("sklik-zone", "72120")),
    stack("nend", "nend_params + nendAdLoader.js, per unit", "",
          _P + '<script type="text/javascript">var nend_params = {"media":48213,"site":271904,'
          '"spot":662190,"type":1,"oriented":1};</script><script type="text/javascript" '
          'src="https://js1.nend.net/js/nendAdLoader.js"></script>' + _P,
          {"nend"}, {"nend": 1}, ("nend-spot", "662190"), ("nend-media", "48213"),
          ("nend-site", "271904")),
    stack("AdStir", "adstir_vars + adstir.js in div.adstir-ad", "",
          _P + '<div class="adstir-ad"><script type="text/javascript">var adstir_vars = { ver: '
          '"4.0", app_id: "MEDIA-5c1e93a2", ad_spot: 1, center: false, width: 300, height: 250 '
          '};</script><script type="text/javascript" src="https://js.ad-stir.com/js/adstir.js?'
          '20130527"></script></div>' + _P,
          {"AdStir"}, {"AdStir": 1}),  # its tag alone in its box: the unit stands there
    # counters in a Russian, a Ukrainian and a Korean site's footer, and a Brazilian
    # portal's audience tag: named, as analytics
    stack("HotLog", "legacy document.write of the counter image with the referrer", "",
          _P + _HOTLOG, {"HotLog"}, {}),
    stack("bigmir)net TOP 100", "script written with the referrer + no-script pixel", "",
          _P + _BIGMIR, {"bigmir)net TOP 100"}, {}, ("bigmir-site", "16927310")),
    stack("Top.Mail.Ru", "legacy Rating@Mail.ru counter on top.list.ru", "",
          _P + _RATING_MAIL_RU, {"Top.Mail.Ru"}, {}),
    stack("Naver Analytics", "wcslog.js + wcs_add", "",
          _P + '<script type="text/javascript" src="//wcs.naver.net/wcslog.js"></script><script'
          ' type="text/javascript">if(!wcs_add) var wcs_add = {};wcs_add["wa"] = "5c1e93a2f4b84"'
          ";if(window.wcs) { wcs_do(); }</script>", {"Naver Analytics"}, {},
          ("naver-analytics-account", "5c1e93a2f4b84")),
    stack("Tail Target", "_ttprofiles + profiles.js", "",
          _P + "<script type=\"text/javascript\">var _ttprofiles = _ttprofiles || [];"
          "_ttprofiles.push(['_setAccount', 'TT-48213-1']);_ttprofiles.push(['_enableServices'"
          "]);(function(){var ts=document.createElement('script');ts.async=true;ts.src='https://"
          "d.tailtarget.com/profiles.js';var s=document.getElementsByTagName('script')[0];s."
          "parentNode.insertBefore(ts,s);})();</script>", {"Tail Target"}, {},
          ("tailtarget-account", "TT-48213-1")),
    stack("Yieldmo", "ym_<placement> div + ym.1.js snippet", "",
          _P + _YIELDMO.format(p="2218736450981273651") + _P,
          {"Yieldmo"}, {"Yieldmo": 1}, ("yieldmo-placement", "2218736450981273651")),
    # its units alone, the snippet in a site's bundle (or not kept by the copy): each
    # placement ID is 19 digits, Yieldmo's form, so each box is its unit
    stack("Yieldmo", "ym_<placement> divs without their snippet", "",
          _P + '<div id="ym_2218736450981273652" class="ym"></div>' + _P
          + '<div id="ym_2218736450981273653" class="ym"></div>',
          {"Yieldmo"}, {"Yieldmo": 2}, ("yieldmo-placement", "2218736450981273652"),
          ("yieldmo-placement", "2218736450981273653")),
    stack("Revcontent", "delivery.js widget (data-widget-host)", "",
          _P + '<div data-widget-host="revcontent" data-pub-id="184220" '
          'data-widget-id="271904"></div><script src="https://assets.revcontent.com/master/'
          'delivery.js" defer="defer"></script>',
          {"RevContent"}, {"RevContent": 1}, ("revcontent-widget", "271904"),
          ("revcontent-publisher", "184220")),
    # Japanese affiliate blogs: A8.net's and Moshimo's link codes, each beside its
    # impression image (a 1×1 pixel: low)
    stack("A8.net", "px.a8.net/svt/ejp?a8mat= link + 0.gif impression", "",
          _P + '<p><a href="https://px.a8.net/svt/ejp?a8mat=3T7Q2K+4XJ9ZU+2HOM+6C1VM" '
          'rel="nofollow">公式サイトで詳細を見る</a><img border="0" width="1" height="1" '
          'src="https://www18.a8.net/0.gif?a8mat=3T7Q2K+4XJ9ZU+2HOM+6C1VM" alt=""></p>',
          {"A8.net"}, {}),
    stack("Moshimo Affiliate", "af.moshimo.com click link + impression", "",
          _P + '<a href="//af.moshimo.com/af/c/click?a_id=4123456&amp;p_id=170&amp;pc_id=185'
          '&amp;pl_id=4062&amp;url=https%3A%2F%2Fwww.rakuten.co.jp%2F" rel="nofollow" '
          'target="_blank">楽天市場で見る</a><img src="//i.moshimo.com/af/i/impression?a_id='
          '4123456&amp;p_id=170&amp;pc_id=185&amp;pl_id=4062" width="1" height="1" alt="">',
          {"Moshimo Affiliate"}, {}, ("moshimo-affiliate", "4123456")),
    # Rakuten Affiliate (Rakuten's own programme in Japan, not LinkShare): its link codes carry
    # the affiliate ID in their path on its link host; a link is the network's presence and
    # its ID, no slot
    stack("Rakuten Affiliate", "hb.afl.rakuten.co.jp/hgc/<id>/ text link", "",
          _P + '<p><a href="https://hb.afl.rakuten.co.jp/hgc/1a2b3c4d.5e6f7a8b.1a2b3c4e.9c0d1e2f/'
          '?pc=https%3A%2F%2Fitem.rakuten.co.jp%2Fkitchen-shop%2Fpan-24%2F&amp;link_type=text"'
          ' target="_blank" rel="nofollow sponsored noopener">楽天市場で見る</a></p>',
          {RAKUTEN}, {}, ("rakuten-affiliate", "1a2b3c4d.5e6f7a8b.1a2b3c4e.9c0d1e2f")),
    stack("Rakuten Affiliate", "/hsc/<id>/ shop link around its hbb.afl /hsb/ banner", "",
          _P + '<a href="https://hb.afl.rakuten.co.jp/hsc/2b3c4d5e.6f7a8b9c.2b3c4d5f.0d1e2f3a/'
          '?link_type=pict&amp;ut=eyJwYWdlIjoic2hvcCJ9" target="_blank" rel="nofollow sponsored '
          'noopener" style="word-wrap:break-word;"><img src="https://hbb.afl.rakuten.co.jp/hsb/'
          '2b3c4d5e.6f7a8b9c.2b3c4d5f.0d1e2f3a/?me_id=2100001&amp;me_adv_id=481516&amp;t=pict" '
          'border="0" style="margin:2px" alt="" title=""></a>',
          {RAKUTEN}, {}, ("rakuten-affiliate", "2b3c4d5e.6f7a8b9c.2b3c4d5f.0d1e2f3a")),
    stack("Rakuten Affiliate", "rakuten_affiliateId + xml.affiliate widget loader", "",
          _P + '<script type="text/javascript">rakuten_design="slide";rakuten_affiliateId='
          '"3c4d5e6f.7a8b9c0d.3c4d5e70.1e2f3a4b";rakuten_items="ctsmatch";rakuten_genreId="0";'
          'rakuten_size="468x160";rakuten_target="_blank";</script><script type="text/'
          'javascript" src="https://xml.affiliate.rakuten.co.jp/widget/js/rakuten_widget.js">'
          "</script>", {RAKUTEN}, {RAKUTEN: 1},
          ("rakuten-affiliate", "3c4d5e6f.7a8b9c0d.3c4d5e70.1e2f3a4b")),
    # GMO SSP's tag (a loader per space, then the call that writes the ad where it stands)
    stack("GMO SSP", "loader.js?space_id= + gmossp_forsp.ad(space)", "",
          _P + '<script src="//cdn.gmossp-sp.jp/ads/loader.js?space_id=g912345" charset="utf-8"'
          ' language="JavaScript"></script><script language=\'javascript\'>\ngmossp_forsp.ad('
          "'g912345');\n</script>" + _P,
          {"GMO SSP"}, {"GMO SSP": 1}, ("gmossp-space", "g912345")),
    # its async tag: a gc.js per space, then the box named for it holding its events push
    # (an overlay and an interstitial space, each its box)
    stack("GMO SSP", "js/async/<space>/gc.js + div.gmossp_core_<space> + Gmossp.events.push",
          "", _P + "".join(
              f'<script async src="https://cdn.gmossp-sp.jp/js/async/{sid}/gc.js"></script>'
              f'<div class="gmossp_core_{sid}"><script>window.Gmossp=window.Gmossp||{{}};'
              "window.Gmossp.events=window.Gmossp.events||[];window.Gmossp.events.push({\n"
              f'sid: "{sid}",\n}});</script></div>' for sid in ("g931101", "g931102")) + _P,
          {"GMO SSP"}, {"GMO SSP": 2}, ("gmossp-space", "g931101"), ("gmossp-space", "g931102")),
    # Yahoo! JAPAN Ads' site general tag: measurement, no unit
    stack("Yahoo! JAPAN Ads tag", "ytag.js site general tag", "",
          _P + '<script async src="https://s.yimg.jp/images/listing/tool/cv/ytag.js"></script>'
          "<script>window.yjDataLayer = window.yjDataLayer || []; function ytag() { "
          "yjDataLayer.push(arguments); } ytag({\"type\":\"ycom_sitegen\",\"config\":"
          "{\"yahoo_retargeting_id\":\"A1B2C3D4E5\"}});</script>",
          {"Yahoo! JAPAN Ads tag"}, {}),
    # an Italian publisher's AdKaora build and its in-read unit
    stack("AdKaora", "adk-init.js (site build) + div.adk-slot", "",
          _P + "<script>!function(e,t){var n=t.createElement(\"script\");n.async=1,n.src="
          "\"https://cdn.adkaora.space/magellano/golfonews/prod/adk-init.js\",t.head."
          "appendChild(n)}(window,document);</script>" + '<div class="adk-slot"><div '
          'id="adk_inread"></div></div>' + _P,
          {"AdKaora"}, {"AdKaora": 1}, ("adkaora-site", "golfonews")),
    # a Spanish news page's Marfeel SDK as its inline loader builds it (account 4521)
    stack("Marfeel", "inline loader building sdk.mrf.io/statics/marfeel-sdk.js?id=", "",
          _P + '<script>!function(){"use strict";function e(e){var t=!(arguments.length>1&&'
          'void 0!==arguments[1])||arguments[1],c=document.createElement("script");c.src=e,t?'
          'c.type="module":(c.async=!0,c.type="text/javascript",c.setAttribute("nomodule",""));'
          'var n=document.getElementsByTagName("script")[0];n.parentNode.insertBefore(c,n)}!'
          'function(t,c){var i="https://sdk.mrf.io/statics";e("".concat(i,"/marfeel-sdk.js?id='
          '").concat(c),!0)}(window,4521)}();</script>', {"Marfeel"}, {}),
    stack("Marfeel", "marfeel-sdk.js?id= script", "",
          _P + '<script async src="https://sdk.mrf.io/statics/marfeel-sdk.js?id=4521">'
          "</script>", {"Marfeel"}, {}, ("marfeel-account", "4521")),
    # a US local paper's BlueConic profile script
    stack("BlueConic", "cdn.blueconic.net/<customer>.js", "",
          _P + '<script src="https://cdn.blueconic.net/millbrook.js" async></script>',
          {"BlueConic"}, {}),
    # Korean blogs: Coupang Partners' widget where its script stands, Tistory's Tiara
    stack("Coupang Partners", "g.js + new PartnersCoupang.G({id, trackingCode})", "",
          _P + '<script src="https://ads-partners.coupang.com/g.js"></script><script>new '
          'PartnersCoupang.G({"id":712345,"template":"carousel","trackingCode":"AF4412345",'
          '"width":"680","height":"140","tsource":""});</script>' + _P,
          {"Coupang Partners"}, {"Coupang Partners": 1}, ("coupang-widget", "712345"),
          ("coupang-partner", "AF4412345")),
    # Indian publishers' vdo.ai outstream player: the div its tag's path names, and an older
    # tag whose path names none (the script is the slot)
    stack("vdo.ai", "div#v-<site> + core/v-<site>/vdo.ai.js", "",
          _P + '<div id = "v-harbourtimes"></div><script>(function(v,d,o,ai){ai=d.createElement('
          "'script');ai.defer=true;ai.async=true;ai.src=v.location.protocol+o;d.head.appendChild"
          "(ai);})(window, document, '//a.vdo.ai/core/v-harbourtimes/vdo.ai.js');</script>" + _P,
          {"vdo.ai"}, {"vdo.ai": 1}, ("vdoai-tag", "v-harbourtimes")),
    stack("vdo.ai", "core/<site>_V2/vdo.ai.js, no div", "",
          _P + '<script>(function(v,d,o,ai){ai=d.createElement("script");ai.defer=true;'
          'ai.async=true;ai.src=v.location.protocol+o;d.head.appendChild(ai);})(window, '
          'document, "//a.vdo.ai/core/harbourtimes_V2/vdo.ai.js?vdo=34");</script>' + _P,
          {"vdo.ai"}, {"vdo.ai": 1}, ("vdoai-tag", "harbourtimes_V2")),
    stack("Baidu Union", "CLB m.js + BAIDU_CLB_fillSlot(slot), per unit",
          '<script type="text/javascript" src="http://cbjs.baidu.com/js/m.js"></script>',
          _P + _BAIDU_CLB.format(slot="771204") + _P + _BAIDU_CLB.format(slot="771205"),
          {"Baidu Union"}, {"Baidu Union": 2}, ("baidu-clb-slot", "771204"),
          ("baidu-clb-slot", "771205")),
    # an ad manager's call and the ad it served, kept after it by a saved copy: one
    # placement (the served network's loader between); with the page's text between, two
    stack("Baidu Union", "BAIDU_CLB_fillSlot, then the 88rpg frame it served", "",
          _P + '<section class="pic960">' + _BAIDU_CLB.format(slot="771206")
          + '<div id="BAIDU_DUP_wrapper_771206_0"></div>' + _RPG_UNIT + "</section>" + _P,
          {"Baidu Union", "88rpg"}, {"Baidu Union": 1}, ("baidu-clb-slot", "771206"),
          ("88rpg-unit", "27104_3001")),
    # the publisher's own tag of another network next to the call, unrun (no frame in it:
    # no ad server wrote it), is a placement of its own, not what the call served
    stack("Baidu Union", "BAIDU_CLB_fillSlot, then the publisher's own AdSense tag", "",
          _P + '<div class="side">' + _BAIDU_CLB.format(slot="771206") + _ADSENSE + "</div>"
          + _P, {"Baidu Union", "Google AdSense"}, {"Baidu Union": 1, "Google AdSense": 1},
          ("baidu-clb-slot", "771206"), ("adsense-publisher", "ca-pub-4821093765120384"),
          ("adsense-slot", "7310492865")),
    # two calls in one script write their two ads after it, in turn: each call's the next
    stack("Baidu Union", "two BAIDU_CLB_fillSlot calls in one script, then the two frames", "",
          _P + '<section class="pic960"><script>BAIDU_CLB_fillSlot("771206");'
          'BAIDU_CLB_fillSlot("771207");</script>'
          '<div id="BAIDU_DUP_wrapper_771206_0"></div>' + _RPG_UNIT
          + '<div id="BAIDU_DUP_wrapper_771207_0"></div>' + _RPG_UNIT.replace("3001", "3002")
          + "</section>" + _P,
          {"Baidu Union", "88rpg"}, {"Baidu Union": 2}, ("baidu-clb-slot", "771206"),
          ("baidu-clb-slot", "771207"), ("88rpg-unit", "27104_3001"),
          ("88rpg-unit", "27104_3002")),
    stack("Baidu Union", "BAIDU_CLB_fillSlot, a paragraph, then an 88rpg unit", "",
          _P + _BAIDU_CLB.format(slot="771206") + _P + _RPG_UNIT + _P,
          {"Baidu Union", "88rpg"}, {"Baidu Union": 1, "88rpg": 1},
          ("baidu-clb-slot", "771206"), ("88rpg-unit", "27104_3001")),
    stack("CNZZ (Umeng)", "CNZZ_SLOT_RENDER, then andmejs's loader and the Qiyou box", "",
          _P + '<section class="pic300"><script>CNZZ_SLOT_RENDER(\'318206\');</script><script '
          'src="http://c.andmejs.com/view.php?uid=48213&amp;op=1"></script>'
          + _QIYOU_BOX + "</section>" + _P,
          {"CNZZ (Umeng)", "andmejs", "Qiyou"}, {"CNZZ (Umeng)": 1}, ("cnzz-ad-slot", "318206"),
          ("andmejs-publisher", "48213")),
    stack("CNZZ (Umeng)", "ad manager CNZZ_SLOT_RENDER(slot) + appgcm.php?sid=", "",
          _P + _CNZZ_SLOT.format(slot="318204") + _P,
          {"CNZZ (Umeng)"}, {"CNZZ (Umeng)": 1}, ("cnzz-ad-slot", "318204")),
    stack("MicroAd", "VASCO ajs.php zone tag on vsc.send.microad.jp (not Revive's)", "",
          _P + _VASCO + _P, {"MicroAd"}, {"MicroAd": 1}, ("microad-vasco-zone", "27104")),
    stack("MicroAd", "BLADE track tag (co_account_id)", _BLADE, _P,
          {"MicroAd"}, {}, ("microad-blade-account", "27104")),
    stack("Qiyou", "__QY_CL_Div_ box of c.qiyou.com/popup.php (q: the publisher, base64)", "",
          _P + '<script src="http://c.andmejs.com/view.php?uid=48213&amp;op=1"></script>' + _P
          + _QIYOU + _P, {"Qiyou", "andmejs"}, {"Qiyou": 1}, ("andmejs-publisher", "48213")),
    stack("88rpg", "cpc.88rpg.net/js/c/<site>_<unit>.js + its click frame", "",
          _P + '<div class="pic960">' + _RPG_UNIT + "</div>" + _P,
          {"88rpg"}, {"88rpg": 1}, ("88rpg-unit", "27104_3001")),
    stack("AdRiver", "RLE code: erle.cgi?sid= frame written in place + noscript", "",
          _P + _ADRIVER + _P, {"AdRiver"}, {"AdRiver": 1}, ("adriver-site", "48213")),
    stack("Yandex Citation Index counter", "www.yandex.ru/cycounter?<host> badge", "",
          _P + '<a href="http://www.yandex.ru/cy?base=0&amp;host=weekday-kitchen.ru"><img src="'
          'http://www.yandex.ru/cycounter?www.weekday-kitchen.ru" width=88 height=31 alt="Яндекс '
          'цитирования"></a>', {"Yandex Citation Index counter"}, {},
          ("yandex-cy-host", "weekday-kitchen.ru")),
    stack("DeqWas", "created script //mark003.deqwas.net/<site>/scripts/<page>.js", "",
          _P + '<div id="deqwas-k"></div><script type="text/javascript">var deqwas_k = { option: '
          "{} };(function () {var script = document.createElement('script');script.src = "
          "(location.protocol == 'https:' ? 'https:' : 'http:') + '//mark003.deqwas.net/"
          "weekdaykitchen/scripts/top.js?noCache=' + new Date().getTime();document."
          "getElementById('deqwas-k').appendChild(script);})();</script>",
          {"DeqWas"}, {}, ("deqwas-site", "weekdaykitchen")),
    # Japanese publishers' widgets and notices: User Local's comment widget (its
    # nakanohito.jp hosts), DataSign's privacy notice (its hash), Cxense's site tag on
    # its cxpublic.com host
    stack("User Local", "_ul_comment_config['id'] + cm-widget.nakanohito.jp", "",
          _P + "<div id=\"ulCommentWidget\"></div><script>var _ul_comment_config = "
          "_ul_comment_config||{};\n_ul_comment_config['id'] = 'CM-q2Wx7Kp4';\n"
          "(function (c, n, s) {if (c[n] === void 0) {c['ULObject'] = n;c[n] = c[n] || "
          "function () {(c[n].q = c[n].q || []).push(arguments)};var e = document."
          "createElement('script');e.async = 1;e.src = s + \"/comment.js\";var t = document."
          "getElementsByTagName('script')[0];t.parentNode.insertBefore(e, t);}})(window, "
          "'ul_comment_widget', 'https://cm-widget.nakanohito.jp/cm');\n"
          "ul_comment_widget('init', _ul_comment_config);</script>",
          {"User Local"}, {}, ("userlocal-comment", "CM-q2Wx7Kp4")),
    stack("DataSign", "as.datasign.co/js/opn.js data-hash", "",
          _P + '<div id="datasign_privacy_notice__3f9c2a7e"><script class="__datasign_privacy_'
          'notice__" src="//as.datasign.co/js/opn.js" data-hash="3f9c2a7e" async></script></div>',
          {"DataSign"}, {}, ("datasign-notice", "3f9c2a7e")),
    stack("Cxense", "csm.cxpublic.com/<site>.js", "",
          _P + '<script type="text/javascript" src="//csm.cxpublic.com/HarbourTimes.js" async>'
          "</script>", {"Cxense"}, {}),
    stack("Kakao Tiara", "Tistory's tiara.min.js", "",
          _P + '<script type="text/javascript" src="//t1.daumcdn.net/tiara/js/v1/tiara.min.js">'
          "</script>", {"Kakao Tiara"}, {}),
    # Korean advertisers' retargeting and analytics tags, as their vendors hand them out (a
    # shop's layout carries a stack of them), and Russian sites' Bitrix and VK pixels
    stack("Enliple", "enliple_min2.js + new EN() … sendRf()", "",
          _P + '<script src="http://cdn.megadata.co.kr/js/enliple_min2.js"></script><script '
          'type="text/javascript">\n<!--\n\tvar rf = new EN();\n\trf.setData("sc", '
          'encodeURIComponent(""));\n\trf.sendRf();\n//-->\n</script>',
          {"Enliple (Withpang/Mobon)"}, {}),
    stack("Screenview", "rGroupNeo.playGoods(…xCData.php?adCode=)", "",
          _P + "<script>var rGroupNeo = new function(){this.playGoods = function(eSRC) {var "
          "script = document.createElement('script');script.src = eSRC;document."
          "getElementsByTagName('head')[0].appendChild(script);};};</script><script>rGroupNeo."
          "playGoods('//nscreen.neoebiz.co.kr/xCData.php?adCode=QkE5CDcxCDQ0CDEy');</script>",
          {"Screenview (NeoEbiz)"}, {}, ("screenview-adcode", "QkE5CDcxCDQ0CDEy")),
    stack("Kakao DDN remarketing", "roosevelt_params + adimg.daumcdn.net/rt/roosevelt.js", "",
          _P + "<script type=\"text/javascript\">\n var roosevelt_params = {\n  retargeting_id:"
          "'Qw3rTy.uIoPaSdFgHjKl00',\n  tag_label:'Zx9Cv8Bn7Mq6Wr5Et4Yu3i'\n };\n</script>"
          '<script type="text/javascript" src="//adimg.daumcdn.net/rt/roosevelt.js" async>'
          "</script>", {"Kakao (Daum DDN retargeting)"}, {},
          ("kakao-ddn-retargeting", "Qw3rTy.uIoPaSdFgHjKl00"),
          ("kakao-ddn-tag-label", "Zx9Cv8Bn7Mq6Wr5Et4Yu3i")),
    stack("RealClick", "load_rtg(\"event.realclick.co.kr/rtarget/rtget.js?rtcode=\")", "",
          _P + "<script type='text/javascript'>function loadrtgJS(b,c){var d=document."
          "getElementsByTagName(\"head\")[0],a=document.createElement(\"script\");a.src=b;d."
          "appendChild(a)}function load_rtg(b){loadrtgJS((\"https:\"==document.location."
          "protocol?\" https://\":\" http://\")+b,\"euc-kr\")}load_rtg(\"event.realclick.co."
          "kr/rtarget/rtget.js?rtcode=weekdaykit\");</script>",
          {"RealClick"}, {}, ("realclick-rtcode", "weekdaykit")),
    stack("NSM Site Analyst", "HL_GUL ngc*.nsm-corp.com + HL_GCD gcode", "",
          _P + "<script language='javascript'>\nif( typeof HL_GUL == 'undefined' ){\nvar HL_GUL "
          "= 'ngc3.nsm-corp.com';var HL_GPT='80'; var _AIMG = new Image();\nvar HL_GCD = "
          "'CS4A11223344556'; // gcode\nvar _gU='/?uid='+HL_GCD;\n}\n</script>",
          {"NSM Site Analyst (Logger)"}, {}, ("nsm-gcode", "CS4A11223344556")),
    stack("AceCounter", "web and mobile _AceGID Inf arrays + noscript beacons", "",
          _P + "<script language='javascript'>var _AceGID=(function(){var Inf=["
          "'gtp3.acecounter.com','8080','AH5A12345678901','AW','0','NaPm,Ncisy','ALL','0']; "
          "var _CI=(!_AceGID)?[]:_AceGID.val;return {o: 1,val:_CI}; })();</script><noscript>"
          "<img src='http://gtp3.acecounter.com:8080/?uid=AH5A12345678901&je=n&' width='0' "
          "height='0' alt=''></noscript><script language='javascript'>var _AceGID=(function()"
          "{var Inf=['weekday-kitchen.kr','weekday-kitchen.kr,www.weekday-kitchen.kr',"
          "'AK3A98765','AM','0','NaPm,Ncisy','ALL','0']; return {o: 1,val:[Inf]}; })();"
          "</script>", {"AceCounter"}, {},
          ("acecounter-gcode", "AH5A12345678901"), ("acecounter-gcode", "AK3A98765")),
    stack("WiderPlanet", "wptg_tagscript_vars.push(… ti …) + wp_astg_4.0.js", "",
          _P + '<div id="wp_tg_cts" style="display:none;"></div><script type="text/javascript">'
          "\nvar wptg_tagscript_vars = wptg_tagscript_vars || [];\nwptg_tagscript_vars.push(\n"
          "(function() {\n\treturn {\n\t\twp_hcuid:\"\",   /* the signed-in user's hashed ID */\n"
          "\t\tti:\"31254\",\t/* advertiser code */\n\t\tty:\"Home\",\n\t\tdevice:\"web\"\n\t};\n"
          '}));\n</script><script type="text/javascript" async src="//cdn-aitg.widerplanet.com/'
          'js/wp_astg_4.0.js"></script>', {"WiderPlanet"}, {},
          ("widerplanet-advertiser", "31254")),
    stack("The Trade Desk", "universal pixel: TTDUniversalPixelApi().init(adv, [pixel], …)", "",
          _P + '<div id="ttdUniversalPixelTag0a1b2c3d4e5f60718293a4b5c6d7e8f9" style="display:'
          'none"><script src="https://js.adsrvr.org/up_loader.1.1.0.js" type="text/javascript">'
          "</script><script type=\"text/javascript\">(function(global) {if (typeof "
          "TTDUniversalPixelApi === 'function') {var universalPixelApi = new "
          "TTDUniversalPixelApi();universalPixelApi.init(\"k4x7q2m\", [\"z9w3e1r\"], "
          "\"https://insight.adsrvr.org/track/up\", \"ttdUniversalPixelTag0a1b2c3d4e5f6071829"
          "3a4b5c6d7e8f9\");}})(this);</script></div>", {"The Trade Desk"}, {},
          ("ttd-advertiser", "k4x7q2m"), ("ttd-pixel", "z9w3e1r"),
          ("ttd-universal-pixel", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")),
    stack("Relap", "relap.io/api/v6/head.js?token=", "",
          _P + '<script type="text/javascript" async src="https://relap.io/api/v6/head.js?token='
          'Ab3dE5gH7jK9mN1p"></script>', {"Relap"}, {}, ("relap-token", "Ab3dE5gH7jK9mN1p")),
    stack("Bitrix analytics", "_ba.push([\"aid\", …]) + bitrix.info/ba.js", "",
          _P + '<script type="text/javascript">var _ba = _ba || []; _ba.push(["aid", '
          '"0f1e2d3c4b5a69788796a5b4c3d2e1f0"]); _ba.push(["host", "weekday-kitchen.ru"]); '
          '(function() {var ba = document.createElement("script"); ba.async = true;ba.src = '
          '(document.location.protocol == "https:" ? "https://" : "http://") + '
          '"bitrix.info/ba.js";var s = document.getElementsByTagName("script")[0];s.parentNode.'
          "insertBefore(ba, s);})();</script>", {"Bitrix24 Analytics (bitrix.info)"}, {},
          ("bitrix-ba-aid", "0f1e2d3c4b5a69788796a5b4c3d2e1f0")),
    stack("VK retargeting", "an image of //vk.com/rtrg?r=<code>", "",
          _P + "<script type=\"text/javascript\">(window.Image ? (new Image()) : document."
          "createElement('img')).src = location.protocol + '//vk.com/rtrg?r=Qa1*Ws2Ed3Rf4Tg5Yh6"
          "Uj7Ik8Ol9-Pz0Xc';</script>", {"VK Ads (retargeting pixel)"}, {},
          ("vk-retargeting", "Qa1*Ws2Ed3Rf4Tg5Yh6Uj7Ik8Ol9-Pz0Xc")),
    stack("VK retargeting", "VK.Retargeting.Init(\"VK-RTRG-…\")", "",
          _P + '<script type="text/javascript">!function(){var t=document.createElement("script")'
          ';t.type="text/javascript",t.async=!0,t.src="https://vk.com/js/api/openapi.js?169",'
          't.onload=function(){VK.Retargeting.Init("VK-RTRG-271904-aBcDe"),VK.Retargeting.Hit()}'
          ',document.head.appendChild(t)}();</script><noscript><img src="https://vk.com/rtrg?p='
          'VK-RTRG-271904-aBcDe" style="position:fixed; left:-999px;" alt=""/></noscript>',
          {"VK Ads (retargeting pixel)"}, {}, ("vk-retargeting", "VK-RTRG-271904-aBcDe")),
    # Kakao's pixel in AdFit's folder on Kakao's CDN: the pixel's, no AdFit
    stack("Kakao Pixel", "kp.js + kakaoPixel('<id>').pageView()", "",
          _P + '<script type="text/javascript" charset="UTF-8" src="//t1.daumcdn.net/kas/static/'
          'kp.js"></script><script type="text/javascript">\n      kakaoPixel('
          "'4721093385610472210').pageView();\n</script>", {"Kakao Pixel"}, {},
          ("kakao-pixel", "4721093385610472210")),
    stack("BizSpring Logger", "its script on logger.co.kr", "",
          _P + '<script type="text/javascript" src="//script.logger.co.kr/tracker_weekday.js">'
          "</script>", {"BizSpring Logger"}, {}),
    # Serbian, Russian and Indian vendors the filter lists name by host: a script of theirs
    *(stack(name, f"a script of {host}", "", _P + f'<script async src="https://{host}/{path}">'
            "</script>", {name}, {})
      for name, host, path in [
          ("Midas Network", "cdn.midas-network.com", "Scripts/midas-widget.js"),
          ("AdSniper", "cdn.adsniper.ru", "js/sniper.js"),
          ("Buzzoola", "tube.buzzoola.com", "new/build/buzzlibrary.js"),
          ("OTM", "ads.otm-r.com", "js/otm.js"),
          ("24SMI", "jsn.24smi.net", "smi.js"),
          ("WebEngage", "ssl.widgets.webengage.com", "js/webengage-min-v-6.0.js"),
          ("MoEngage", "cdn.moengage.com", "webpush/moe_webSdk.min.latest.js"),
      ]),
    stack("Adinsight", "TRS_AIDX + adlog.adinsight.co.kr/emnet/trs_esc.js written", "",
          _P + "<script type=\"text/javascript\">\nvar TRS_AIDX = 5123;\nvar TRS_PROTOCOL = "
          "document.location.protocol;\ndocument.writeln();\nvar TRS_URL = TRS_PROTOCOL + '//' +"
          " ((TRS_PROTOCOL=='https:')?'analysis.adinsight.co.kr':'adlog.adinsight.co.kr') +  "
          "'/emnet/trs_esc.js';\ndocument.writeln(\"<scr\"+\"ipt language='javascript' src='\""
          " + TRS_URL + \"'></scr\"+\"ipt>\");\n</script>", {"Adinsight (Emnet)"}, {},
          ("adinsight-aidx", "5123")),
    stack("CleverTap", "its web SDK's beacon on wzrkt.com", "",
          _P + '<img src="https://in1.wzrkt.com/a?t=96&amp;z=WRK-4R8-6Z5" width="1" height="1" '
          'alt="">', {"CleverTap"}, {}),
    # a Greek marketing-automation vendor's site agent, its account in the file's name
    stack("ContactPigeon", "its site agent cpagent<account>.js on contactpigeon.com", "",
          _P + '<script src="https://ping.contactpigeon.com/bi/js/cpagent207314.js?cid='
          'kitchenpress&amp;v=001"></script>', {"ContactPigeon"}, {},
          ("contactpigeon-account", "207314")),
    # a Ukrainian ad network's zone tag: its box, then the show script that fills it (async,
    # or created by an inline script beside the box)
    stack("MixAdvert", "div#MIXADV_<zone> + m.mixadvert.com/show/?id=<zone>", "",
          _P + '<div id="MIXADV_5120" class="MIXADVERT_NET"></div><script type="text/javascript" '
          'src="https://m.mixadvert.com/show/?id=5120" async></script>' + _P
          + '<div id="MIXADV_5127" class="MIXADVERT_NET"></div><script>var n = document.'
          'getElementById("MIXADV_5127"); if (n) { var s = document.createElement("script"); '
          's.src = "https://m.mixadvert.com/show/?id=5127&r=" + Math.random(); '
          "n.parentNode.appendChild(s); }</script>",
          {"MixAdvert"}, {"MixAdvert": 2}, ("mixadvert-zone", "5120"),
          ("mixadvert-zone", "5127")),
    # a Russian web push service's SDK, the site's app handed to its init call
    stack("ViaPush", "cdn.viapush.com/cdn/v1/sdks/viapush.js + ViaPush.push(['init', …])",
          '<script src="https://cdn.viapush.com/cdn/v1/sdks/viapush.js" async="" charset="UTF-8">'
          '</script><script>var ViaPush = window.ViaPush || [];\nViaPush.push(["init", { appId: '
          '"0f3c9a2e-7b41-5d8e-a6c2-9e1b4d7f3a05" }]);</script>', _P,
          {"ViaPush"}, {}, ("viapush-app", "0f3c9a2e-7b41-5d8e-a6c2-9e1b4d7f3a05")),
    # a Russian news rating's partner informer: its script, the partner site on it
    stack("MediaMetrics", "mediametrics.ru/partner/inject/injectv2.js + data-site", "",
          _P + "<script src='//mediametrics.ru/partner/inject/injectv2.js' type='text/javascript'"
          " id='MediaMetricsInject' data-width='240' data-height='400' data-type='img-rect' "
          "data-rows='5' data-country='ru' data-site='mmet/weekday_kitchen_ru'> </script>",
          {"MediaMetrics"}, {}, ("mediametrics-site", "mmet/weekday_kitchen_ru")),
    # Openstat's counter code: its span, the counter handed to the `openstat` object, cnt.js
    stack("Openstat", "span#openstat<counter> + var openstat = {counter: …} + cnt.js", "",
          _P + _OPENSTAT.format(counter="2481733"), {"Openstat"}, {},
          ("openstat-counter", "2481733")),
    # LuxUp's older loader snippet: the block in a variable the loader URL concatenates,
    # added to the head on DOMContentLoaded (no box: no placement of its own)
    stack("LuxUp", "var j=<block> … \"c.luxup.ru/t/lb\"+j+\".js?\"", "",
          _P + _LUXUP_OLD.format(block="41207") + _P, {"LuxUp"}, {}, ("luxup-block", "41207")),
    # ...and its later block tag, shown where it stands: the site's and the block's keys
    stack("LuxUp", "luxupcdna.com/t/common_400.js + __lxGc__['s']['_<site>']['b']['_<block>']",
          "", _P + _LUXUP_BLOCK + _P, {"LuxUp"}, {"LuxUp": 1}, ("luxup-block", "611820"),
          ("luxup-site", "208137")),
    # a web push service's embed: its loader on the site's own subdomain of push.world, the
    # site's key handed to its `pw` object
    stack("Push.world", "<site>.push.world/https.embed.js + pw.websiteId", "",
          _P + '<script>!function(e,t,d,s,a,n,c){e[a]={},e[a].date=(new Date).getTime(),'
          "n=t.createElement(d),c=t.getElementsByTagName(d)[0],n.type=\"text/javascript\","
          "n.async=!0,n.src=s,c.parentNode.insertBefore(n,c)}(window,document,\"script\","
          '"https://weekdaykitchen.push.world/https.embed.js","pw"),pw.websiteId='
          '"5d1c0a9e7b3f4a2c8e6d0b1f9a7c5e3d2b4f6a8c0e1d3b5f7a9c2e4d6f8a0b1c";</script>',
          {"Push.world"}, {},
          ("pushworld-website",
           "5d1c0a9e7b3f4a2c8e6d0b1f9a7c5e3d2b4f6a8c0e1d3b5f7a9c2e4d6f8a0b1c")),
]


@pytest.mark.parametrize("s", STACKS, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_regional_stack_is_named_with_its_slots_and_ids(
        audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


def test_openstat_counter_read_only_from_its_own_object(audit_stack: AuditStack) -> None:
    """A sample's one-digit counter, another object's `counter`, or the tag commented out
    are no site's counter."""
    for counter_code in (_OPENSTAT.format(counter="1"),
                         _OPENSTAT.format(counter="2481733").replace("var openstat =",
                                                                      "var myopenstat ="),
                         _OPENSTAT.format(counter="2481733").replace("var openstat =",
                                                                      "// var openstat =")):
        report = audit_stack(stack("Openstat", "look-alike", "", _P + counter_code, set(), {}))
        assert [i for i in report.ids if i.kind == "openstat-counter"] == []


def test_nends_test_media_and_site_are_no_publishers(audit_stack: AuditStack) -> None:
    """nend's test tag (media 82, site 58536: "テスト環境用", sites' copies in the code
    corpus) names no publisher's media or site: its own unit stays a slot of nend."""
    report = audit_stack(stack(
        "nend", "its test tag", "", _P + '<script type="text/javascript">var nend_params = '
        '{"media":82,"site":58536,"spot":127513,"type":1,"oriented":1};</script><script '
        'type="text/javascript" src="https://js1.nend.net/js/nendAdLoader.js"></script>' + _P,
        {"nend"}, {"nend": 1}))
    assert [(i.kind, i.value) for i in report.ids if i.kind in ("nend-media", "nend-site")
            ] == []


def test_yads_async_unit_handed_in_its_loaders_onload(audit_stack: AuditStack) -> None:
    """The async tag handed its unit in the loader's onload (a news site's copy): the
    unit's ds is the site's ID (its box, a site's ad container, is the lists' to find)."""
    report = audit_stack(stack(
        "Yahoo! JAPAN", "yads-async.js whose onload calls yadsRequestAsync", "",
        _P + '<div id="yads_r9"><script src="https://yads.c.yimg.jp/js/yads-async.js" async '
        "onload=\"yadsRequestAsync({yads_ad_ds:'48213_271911',yads_parent_element:'yads_r9'})"
        '"></script></div>' + _P, {YADS}, {}))
    assert {n.network for n in report.networks} == {YADS}
    assert ("yads-ds", "48213_271911") in {(i.kind, i.value) for i in report.ids}
    assert serious(report) == []


@pytest.mark.parametrize(("form", "body"), [
    # a site's own config with a zoneId key is no Sklik unit, nor an ssp-zone-like id without
    # Seznam's tag on the page
    ("a config object with zoneId", '<script>var player = {"zoneId": 318204, "id": "hero"};'
     "</script>"),
    ("an ssp-zone id without ssp.js", '<div id="ssp-zone-318204"></div>'),
    # Seznam's analytics on its ad system's host is Seznam's measurement, not Sklik's ads
    ("Seznam's DOT analytics", '<script src="https://h.imedia.cz/js/dot-small.js"></script>'
     "<script>DOT.cfg({service: 'zpravy'});</script>"),
    # Kakao's CDN serves its blogs' and maps' files too: only AdFit's paths are AdFit
    ("a Tistory blog's asset on t1.daumcdn.net",
     '<script src="https://t1.daumcdn.net/tistory_admin/static/script/common.js"></script>'),
    # a site's own variable of the same stem
    ("a variable ending in yads_ad_ds", "<script>var my_yads_ad_ds_note = 'x';</script>"),
    # a blog's month archive (year-month boxes), one id a timestamp: no Yieldmo without its tag
    ("a month archive's div.ym boxes", '<div class="ym" id="ym_2024_05"><a href="/2024/05/">May'
     '</a></div><div class="ym" id="ym_1714521600123"><a href="/2024/04/">April</a></div>'),
    # a theme's own uz- prefixed box (a utility class): no UZOU unit without its tag
    ("a theme's uz- classes", '<div class="uz-card_box uz-ny"><p>Related</p></div>'),
    # the same tags' words on other hosts, or in prose: none of theirs
    ("an OpenX tag on a Revive install, microad.jp in its path only",
     "<script>var m3_u = 'https://ads.example-kitchen.com/microad.jp/delivery/x.php';</script>"),
    # VASCO's address written in another Revive install's path or query: Revive's, not MicroAd's
    ("a Revive ajs.php tag whose path names microad.jp",
     "<script>var m3_u = 'https://ads.example-kitchen.com/vsc.send.microad.jp/delivery/ajs.php';"
     "document.write (\"<scr\"+\"ipt src='\"+m3_u); document.write (\"?zoneid=2710&amp;cb=1\");"
     "</script>"),
    ("a Revive ajs.php tag whose query names microad.jp",
     "<script>var m3_u = 'https://ads.example-kitchen.com/delivery/ajs.php?from=vsc.send.microad"
     ".jp/delivery/ajs.php'; document.write (\"?zoneid=2710\");</script>"),
    ("look-alike hosts of AdRiver, 88rpg, Qiyou and andmejs",
     '<img src="http://ad.adriver.ru.evil.net/cgi-bin/rle.cgi?sid=48213" width=468 height=60>'
     '<iframe src="http://cpc.not88rpg.net/html/click/27104_3001.html" width="960" height="90">'
     '</iframe><div id="__QY_CL_Div_1_2" url="http://c.qiyou.com.evil.net/popup.php?q=x">'
     '</div><script src="http://c.andmejs.com.evil.net/view.php?uid=48213"></script>'),
    ("the calls' names in prose and a <pre>",
     "<p>Call BAIDU_CLB_fillSlot(\"771204\") or CNZZ_SLOT_RENDER('318204') in your theme.</p>"
     "<pre>document.write('&lt;iframe src=\"http://ad.adriver.ru/cgi-bin/erle.cgi?sid=48213"
     "\"&gt;'); yandex.ru/cycounter?example.ru deqwas.net/site/scripts/</pre>"),
    # the same words off the vendors' hosts: a site's own comment config and notice hash
    ("a comment config of the same name", "<script>var _ul_comment_config = {};"
     "_ul_comment_config['id'] = 'CM-q2Wx7Kp4';</script><pre>cm-widget.nakanohito.jp</pre>"),
    ("a data-hash on another script", '<script src="/js/opn.js" data-hash="3f9c2a7e"></script>'
     '<script src="//as.datasign.co.evil.example/js/opn.js" data-hash="3f9c2a7f"></script>'),
    ("a yadsRequestAsync onload on a site's own script",
     "<script src=\"/js/ads.js\" onload=\"yadsRequestAsync({yads_ad_ds:'48213_271912'})\">"
     "</script>"),
    # the Korean and Russian tags' hosts dressed as others', and their code in prose or a <pre>
    ("look-alike hosts of the Korean and Russian tags",
     '<script src="http://cdn.megadata.co.kr.evil.net/js/enliple_min2.js"></script>'
     '<img src="http://nscreen.notneoebiz.co.kr/xCData.php?adCode=QkE5CDcxCDQ0CDEy">'
     '<script src="//adimg.daumcdn.net.evil.net/rt/roosevelt.js"></script>'
     '<img src="http://gtp3.acecounter.com.evil.net:8080/?uid=AH5A12345678901&amp;je=n">'
     '<img src="https://notvk.com/rtrg?r=Qa1Ws2Ed3Rf4Tg5Yh6Uj7Ik8Ol9">'
     '<script src="https://evil.example/bitrix.info/ba.js"></script>'
     '<script src="//t1.daumcdn.net.evil.net/kas/static/kp.js"></script>'
     '<script src="//script.notlogger.co.kr/tracker.js"></script>'
     '<script src="https://cdn.midas-network.com.evil.net/m.js"></script>'
     '<script src="https://notbuzzoola.com/b.js"></script>'
     '<script src="https://evil.example/webengage.com/w.js"></script>'
     "<script>var TRS_AIDX = 5123; var u = '//adlog.adinsight.co.kr.evil.net/t.js';</script>"),
    ("the Korean and Russian tags' code in prose and a <pre>",
     "<p>Paste rGroupNeo.playGoods() and load_rtg(\"event.realclick.co.kr/rtarget/rtget.js?"
     "rtcode=weekdaykit\") into the footer.</p><pre>var roosevelt_params = {retargeting_id:"
     "'Qw3rTy.uIoPaSdFgHjKl00'}; var HL_GUL = 'ngc3.nsm-corp.com'; var HL_GCD = "
     "'CS4A11223344556'; var _AceGID=(function(){var Inf=['a','b','AH5A12345678901','AW']})();"
     " _ba.push([\"aid\", \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\"]); VK.Retargeting.Init("
     "\"VK-RTRG-271904-aBcDe\"); var rf = new EN(); rf.sendRf();"
     " kakaoPixel('4721093385610472210').pageView();</pre>"),
    ("look-alike hosts of ContactPigeon's agent, and its address in a <pre>",
     '<script src="https://ping.notcontactpigeon.com/bi/js/cpagent207314.js"></script>'
     '<script src="https://ping.contactpigeon.com.evil.net/bi/js/cpagent207315.js"></script>'
     "<pre>&lt;script src=\"https://ping.contactpigeon.com/bi/js/cpagent207316.js\"&gt;</pre>"),
    # MixAdvert's box without its show script, its class on a site's own box, its host and
    # show call dressed as others', a push key set on a site's own object
    ("a MIXADV_ box without MixAdvert's script, its class alone",
     '<div id="MIXADV_5120" class="MIXADVERT_NET"></div><div class="MIXADVERT_NET">x</div>'),
    ("look-alike hosts of MixAdvert's show call and Push.world's embed",
     '<div id="MIXADV_5121"></div><script src="https://m.mixadvert.com.evil.net/show/?id=5121">'
     '</script><script src="https://notmixadvert.com/show/?id=5122"></script>'
     '<script src="https://weekdaykitchen.push.world.evil.net/https.embed.js"></script>'
     "<script>pw.websiteId = '5d1c0a9e7b3f4a2c8e6d0b1f9a7c5e3d2b4f6a8c0e1d3b5f7a9c2e4d6f8a0b1c';"
     "</script>"),
    ("MediaMetrics' informer on a look-alike host, its data-site on a site's own script",
     "<script src='//mediametrics.ru.evil.net/partner/inject/injectv2.js' data-site='mmet/x_ru'>"
     "</script><script src='/js/informer.js' data-site='mmet/y_ru'></script>"),
    ("ViaPush's init without its SDK, its SDK on a look-alike host",
     '<script src="https://cdn.viapush.com.evil.net/cdn/v1/sdks/viapush.js"></script><script>'
     'ViaPush.push(["init", { appId: "0f3c9a2e-7b41-5d8e-a6c2-9e1b4d7f3a05" }]);</script>'),
    ("MixAdvert's and Push.world's tags in a <pre>",
     '<pre>&lt;div id="MIXADV_5120"&gt;&lt;/div&gt;&lt;script src="https://m.mixadvert.com/show/'
     '?id=5120"&gt; https://x.push.world/https.embed.js pw.websiteId="5d1c0a9e"</pre>'),
    ("Openstat's sample counter 1, LuxUp's loader on look-alike hosts",
     _OPENSTAT.format(counter="1") + _LUXUP_OLD.format(block="41207").replace(
         "c.luxup.ru/", "c.luxup.ru.evil.net/") + _LUXUP_BLOCK.replace(
         "//luxupcdna.com/", "//notluxupcdna.com/").replace("__lxGc__", "__myGc__")),
    ("LuxUp's and Openstat's tags in a <pre>",
     "<pre>" + (_LUXUP_OLD.format(block="41207") + _LUXUP_BLOCK).replace("<", "&lt;")
     + "</pre>"),
    ("a site's own objects of the same names",
     "<script>var my_roosevelt_params = {retargeting_id: 'Qw3rTy.uIoPaSdFgHjKl00'};"
     "var NOT_HL_GCD = 'CS4A11223344556'; var Inf = ['x', 'y', 'AH5A12345678901', 'AW'];"
     "my_ba.push(['aid', '0f1e2d3c4b5a69788796a5b4c3d2e1f0']);</script>"),
    # Rakuten Affiliate's link host dressed as others', Rakuten's own shop (no affiliate's link),
    # its widget's globals without its loader, its link code in prose and a <pre>
    ("look-alike hosts of Rakuten Affiliate's links and widget",
     '<a href="https://hb.afl.rakuten.co.jp.evil.net/hgc/1a2b3c4d.5e6f7a8b.1a2b3c4e.9c0d1e2f/">'
     'a</a><a href="https://nothb.afl-rakuten.co.jp/hgc/1a2b3c4d.5e6f7a8b.1a2b3c4e.9c0d1e2f/">b'
     '</a><a href="https://evil.example/hb.afl.rakuten.co.jp/hgc/1a2b3c4d.5e6f7a8b.1a2b3c4e.'
     '9c0d1e2f/">c</a><script>rakuten_affiliateId="3c4d5e6f.7a8b9c0d.3c4d5e70.1e2f3a4b";'
     'rakuten_size="468x160";</script><script src="https://xml.affiliate.rakuten.co.jp.evil.net'
     '/widget/js/rakuten_widget.js"></script><script src="https://evil.example/xml.affiliate.'
     'rakuten.co.jp/widget/js/rakuten_widget.js"></script>'),
    # GMO SSP's async box and call without its tag, its loader on a look-alike host, in prose
    ("a gmossp_core_ box without GMO's tag, another queue's events push",
     '<div class="gmossp_core_g931101"></div><script>var notGmossp = {events: []};'
     "notGmossp.events.push({sid: 'g931101'});</script>"),
    ("GMO's async loader on a look-alike host",
     '<script async src="https://cdn.gmossp-sp.jp.evil.example/js/async/g931101/gc.js">'
     '</script><div class="gmossp_core_g931101"></div>'),
    ("GMO's async tag in a <pre>",
     "<pre>&lt;script async src=\"https://cdn.gmossp-sp.jp/js/async/g931101/gc.js\"&gt;"
     "window.Gmossp.events.push({sid: 'g931101'})</pre>"),
    ("Rakuten's shop linked without an affiliate",
     '<a href="https://item.rakuten.co.jp/kitchen-shop/pan-24/">楽天市場</a>'
     '<a href="https://travel.rakuten.co.jp/">楽天トラベル</a>'),
    ("Rakuten Affiliate's link code in prose and a <pre>",
     "<p>Rakuten links look like hb.afl.rakuten.co.jp/hgc/1a2b3c4d.5e6f7a8b.1a2b3c4e.9c0d1e2f/"
     "</p><pre>&lt;a href=\"https://hb.afl.rakuten.co.jp/hsc/2b3c4d5e.6f7a8b9c.2b3c4d5f."
     "0d1e2f3a/\"&gt; rakuten_size=\"468x160\"</pre>"),
])
def test_look_alikes_name_none_of_them(audit_stack: AuditStack, form: str, body: str) -> None:
    assert_names_none(audit_stack(stack("none", form, "", _P + body + _P, set(), {})),
                      {"Seznam Sklik", "Kakao AdFit", YADS, "Yieldmo", "UZOU", "Baidu Union",
                       "CNZZ (Umeng)", "AdRiver", "88rpg", "Qiyou", "andmejs", "DeqWas",
                       "Yandex Citation Index counter", "User Local", "DataSign",
                       "MicroAd", "Enliple (Withpang/Mobon)", "Screenview (NeoEbiz)",
                       "Kakao (Daum DDN retargeting)", "RealClick", "NSM Site Analyst (Logger)",
                       "AceCounter", "Bitrix24 Analytics (bitrix.info)",
                       "VK Ads (retargeting pixel)", "Kakao Pixel",
                       "BizSpring Logger", "Midas Network", "Buzzoola", "WebEngage",
                       "Adinsight (Emnet)", "ContactPigeon", "MixAdvert", "Push.world", "LuxUp",
                       "MediaMetrics", "ViaPush", RAKUTEN, "GMO SSP"})


def test_luxup_snippet_block_reader_stays_linear() -> None:
    """The older snippet's block, read from its opening to the URL it concatenates within
    a bound: a script of many such openings and one URL is read in linear time."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        code = "(function(){var a=1234;" * (n // 23)
        snippet = _LUXUP_OLD.format(block="41207").removesuffix("</script>")
        return audit_seconds("<html><body>" + snippet + code + "</script></body></html>")

    assert_linear(seconds, 1_000_000, "LuxUp snippet block reader")
