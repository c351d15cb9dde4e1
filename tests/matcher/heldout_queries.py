"""Held-out problem statements written for this module (not from the eval set), in the
styles the secret set stresses: short, typo, symptom, business, wrong-role, industry.
Each maps to the dev partners an expert would accept at the top."""

HELDOUT: list[tuple[str, str, set[str]]] = [
    # (style, text, acceptable top-1 partner ids in shared/eval/dev/partners.json)
    ("symptom", "Customers keep getting logged out of our app and half of them reset their "
     "password every week.", {"hannah-cho"}),
    ("business", "Procurement at a big bank wants our security report before they sign.",
     {"sarah-lindqvist"}),
    ("short", "cloud bill doubled", {"daniel-brandt"}),
    ("short", "we got hacked", {"marcus-reyes"}),
    ("symptom", "Someone is demanding bitcoin or they will publish our customer files.",
     {"marcus-reyes"}),
    ("business", "Our books don't close until the 20th of the next month and the auditors are "
     "unhappy with how we book annual contracts.", {"owen-gallagher"}),
    ("short", "how much runway do we have", {"fatima-haddad"}),
    ("business", "Customers sign up, try it for a week and leave. We don't know why.",
     {"jamal-wright"}),
    ("business", "Every sales call ends with a feature promise and the roadmap is chaos.",
     {"elena-vasquez"}),
    ("typo", "kuberntes clusters keep falling over and our oncall is exausted",
     {"alex-petrov"}),
    ("typo", "salesforce is a mes, forcast is never right, leads go to the wrong reps",
     {"peter-novak"}),
    ("typo", "need help with soc2 complaince for an enterprize deal", {"sarah-lindqvist"}),
    ("typo", "our netsuite implmentation is way over budjet", {"raj-malhotra"}),
    ("wrong-role", "We need a CTO: our revenue numbers are different in every dashboard and "
     "the board has stopped trusting reports.", {"nora-feldman"}),
    ("wrong-role", "Looking for a CFO to sort out our Salesforce pipeline and sales forecast.",
     {"peter-novak"}),
    ("wrong-role", "Hiring a CISO? Our laptops aren't managed, nobody owns the help desk and "
     "the MSP ignores us.", {"linda-osei"}),
    ("wrong-role", "We want a fractional CTO to get our first fundraising model and data room "
     "ready for investors.", {"fatima-haddad"}),
    ("industry:healthcare", "We're a clinic software startup and need our cloud setup to be "
     "HIPAA compliant before a hospital pilot.", {"grace-whitfield"}),
    ("industry:payments", "We want to launch a debit card with a sponsor bank and keep card "
     "data out of scope for PCI.", {"wei-zhang"}),
    ("industry:insurance", "Our claims and underwriting run on COBOL from the 80s and the "
     "developers are retiring.", {"tom-kowalski"}),
    ("symptom", "Our website goes down every time we run a promotion and pages load slowly.",
     {"alex-petrov"}),
    ("business", "We have a great idea for an app but nobody on the team can code. Where do "
     "we start?", {"priya-raman"}),
    ("business", "We spend hours every week copying orders from email into spreadsheets.",
     {"beatriz-santos"}),
    ("short", "GDPR", {"isabel-moreau"}),
    ("short", "chatbot for our docs", {"kenji-watanabe"}),
    ("symptom", "Support replies take three days and customers are complaining on social "
     "media.", {"beatriz-santos"}),
    ("business", "Nobody can agree which customer list is right: sales, finance and support "
     "each have their own.", {"isabel-moreau", "nora-feldman"}),
    ("business", "We are buying a competitor and need their staff on our email and laptops "
     "from day one.", {"linda-osei"}),
    ("standard", "Move our manual deploys to a proper pipeline on AWS with Terraform.",
     {"maya-okafor"}),
    ("business", "Engineering says every project is on track, then it ships two months late.",
     {"chris-anderson"}),
    ("symptom", "An enterprise prospect sent a 200-question spreadsheet about our security "
     "controls.", {"sarah-lindqvist"}),
    ("business", "Our insurer wants proof that we have tested our defences before renewal.",
     {"marcus-reyes"}),
    # second batch, mixed styles
    ("mixed", 'our emails are going to spam and staff share one admin password',
     {"hannah-cho","linda-osei"}),
    ("mixed", 'investors asked for our CAC payback and LTV and we have no idea',
     {"fatima-haddad"}),
    ("mixed", 'pen test',
     {"marcus-reyes"}),
    ("mixed", 'MVP',
     {"priya-raman"}),
    ("mixed", 'board wants an AI strategy',
     {"kenji-watanabe"}),
    ("mixed", 'our reps spend all day updating hubspot instead of selling',
     {"peter-novak"}),
    ("mixed", 'We keep getting invoices wrong and customers dispute their bills',
     {"owen-gallagher"}),
    ("mixed", 'need a CTO for our bank: core system vendor contract is ending',
     {"tom-kowalski","wei-zhang"}),
    ("mixed", 'our data is all over the place in excel, need dashboards',
     {"nora-feldman"}),
    ("mixed", 'Our app is slow and crashes under load on black friday',
     {"alex-petrov"}),
    ("mixed", 'too many apps, nobody knows who has admin rights, staff left months ago '
     'still in slack',
     {"hannah-cho","linda-osei"}),
    ("mixed", 'EU customers asking about data processing agreements and cookies',
     {"isabel-moreau"}),
    ("mixed", 'fraudsters are using stolen cards on our checkout',
     {"wei-zhang"}),
    ("mixed", 'we want to know if our engineering team is any good before we invest',
     {"tom-kowalski","priya-raman","maya-okafor"}),
    ("mixed", 'HIPAA',
     {"grace-whitfield"}),
    ("mixed", 'pricing page converts badly and nobody upgrades to the paid plan',
     {"jamal-wright"}),
    ("mixed", 'dev team ships features nobody uses',
     {"elena-vasquez"}),
    ("mixed", 'quickbooks cant keep up with our inventory across three warehouses',
     {"raj-malhotra"}),
    ("mixed", 'cybr insurence questionaire asks if we have MFA and backups',
     {"sarah-lindqvist","marcus-reyes","hannah-cho"}),
    ("mixed", 'the model our data science team built is drifting and nobody monitors it',
     {"kenji-watanabe"}),
]
