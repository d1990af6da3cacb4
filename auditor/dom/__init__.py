"""The page as the audit reads it: parsed once (`parser`, `page`), walked for what it
requests (`walk`, `inline_js`, `scheme_urls`), its scripts decoded (`deobfuscate`) and
its text scanned (`textscan`); what sits in an HTML `<noscript>` is told once
(`noscript`)."""
