"""Vocabulary for the business practices (product, data/AI, finance, operations, revenue),
the regulated industries that decide a ranking, and the words clients use for roles.

Same format as `vocabulary.py`: '|'-separated phrases, '~' marks a weak trigger.
"""

from __future__ import annotations

from fxorleans.services.matcher.vocabulary import Concept

BUSINESS: tuple[Concept, ...] = (
    Concept(
        "product-strategy", "CPO", "need for a clear product strategy and roadmap",
        """roadmap | roadmaps | roadmapping | prioritization | prioritisation | prioritize |
        what to build next | what to build | feature factory | feature requests | biggest customers
        asked | whatever customers ask | loudest customer | product strategy | product vision |
        product discovery | discovery~ | customer interviews | user research | customer research |
        jobs to be done | product market fit | pmf | okrs | okr | outcomes | outcome based |
        product managers | product manager | pms | pm team | coach our pms | product team |
        product leader | head of product | backlog~ | too many features | nobody uses the features |
        features nobody uses | nobody uses | no one uses | building the wrong things |
        build the wrong thing | ships features | feature bloat | what customers actually need |
        b2b pricing | packaging~ | positioning~""",
        """product strategy | product discovery | roadmapping | roadmap | pm coaching | okrs |
        customer research | product management | b2b pricing | product leadership""",
    ),
    Concept(
        "growth", "CPO", "growth, conversion and retention goals",
        """churn | churning | cancel | cancellations | retention | retain users | conversion |
        converts | trial to paid | free to paid | freemium | paywall | activation | onboarding
        experience | onboarding flow | drop off | drop-off | funnel | signups | sign ups |
        downloads | installs | daily active | dau | mau | engagement | users leave | users don't
        come back | sign up and leave | try it and leave | leave after | customers leave |
        stop paying | cancel their subscription | nobody comes back | dont come back |
        stop using | a b test | ab test | ab testing | experiments | experimentation |
        growth | monetization | monetisation | subscription | subscriptions | pricing page |
        pricing~ | lifetime value | ltv | cac~ | amplitude | mixpanel | growth loops | referral""",
        """growth | a b testing | ab testing | pricing & monetization | monetization |
        onboarding optimization | retention strategy | retention | subscription models |
        amplitude | experimentation | conversion""",
    ),
    Concept(
        "analytics", "CDO", "need for numbers everyone trusts",
        """dashboards | dashboard | reports don't match | numbers don't match | doesn't match |
        never matches | different numbers | own revenue number | single source of truth |
        source of truth | nobody trusts the data | trust the numbers | trusts the dashboards |
        trust the dashboards | trust our dashboards | revenue number | data warehouse | warehouse~ |
        snowflake | bigquery | redshift | databricks | dbt | looker | tableau | power bi |
        metabase | bi | business intelligence | reporting | kpis~ | metrics | metric definitions |
        analytics | analysts | analytics team | data team | sql | etl | elt | data pipeline |
        data pipelines | board deck~ | data stack | modern data stack | spreadsheet hell""",
        """snowflake | dbt | looker | power bi | data modeling | metrics definition |
        analytics team building | analytics | sql | data warehouse | business intelligence |
        tableau | bigquery | data engineering""",
    ),
    Concept(
        "ai-ml", "CDO", "plans to put AI and machine learning to work",
        """ai | artificial intelligence | machine learning | ml | llm | llms | gpt | chatgpt |
        openai | claude | chatbot | chat bot | ai assistant | assistant~ | copilot | genai |
        generative ai | rag | retrieval | embeddings | vector database | fine tune | fine tuning |
        models~ | model~ | data scientists | data science | notebooks | jupyter | mlops |
        in production~ | predictions | predictive | forecasting model | recommendation |
        recommendations | personalization | computer vision | nlp | hallucinations | evals |
        evaluation~ | ai strategy | use ai | using ai | ai roadmap""",
        """machine learning | mlops | llm applications | llm | model monitoring | feature stores |
        ai strategy | retrieval augmented generation | data science | ai | nlp |
        computer vision""",
    ),
    Concept(
        "data-governance", "CDO", "data quality, ownership and governance",
        """master data | mdm | duplicate records | duplicates~ | different customer records |
        customer records | count our customers | golden record | data quality | dirty data |
        bad data | data governance | data catalog | data cataloging | data lineage | data owners |
        data ownership | data dictionary | who owns the data | data strategy~ | customer list |
        which list is right | each have their own | own version of | different versions |
        records don't match | systems disagree""",
        """data governance | master data management | data cataloging | data quality |
        data catalog | data stewardship | data strategy""",
    ),
    Concept(
        "fundraising", "CFO", "fundraising and investor readiness",
        """fundraise | fundraising | raise~ | raising~ | raise money | raising money |
        raise a round |
        raise capital | raise our series | new round | series a~ | series b | series c |
        seed round |
        bridge round | investors | investor | vcs | vc | term sheet | valuation | data room |
        pitch deck | due diligence~ | cap table | dilution | safe notes | convertible notes |
        debt financing | venture debt""",
        """fundraising | financial modeling | cap table management | board reporting |
        investor relations | saas metrics | fp&a""",
        1.1,
    ),
    Concept(
        "fpa", "CFO", "financial planning, cash and runway",
        """runway | burn | burn rate | cash | cash flow | run out of money | running out of money |
        out of cash | how long can we last | budget | budgeting | forecast~ | financial model |
        model~ | projections | plan~ | hiring plan | headcount plan | headcount |
        board will approve |
        board reporting | board meeting | board pack | board deck | fp&a | fpa | margins |
        gross margin | profitability | profitable | unit economics~ | saas metrics | arr | mrr |
        net revenue retention | nrr | rule of 40 | cfo~ | finance~ | financial~ | spend~""",
        """fp&a | fpa | financial modeling | runway planning | board reporting | saas metrics |
        budgeting | cash management | forecasting | financial planning""",
        1.1,
    ),
    Concept(
        "accounting", "CFO", "accounting, close and billing operations",
        """month end | month end close | close the books | books don't close | closing the books |
        books are a mess | bookkeeping | accounting | accountant | auditors~ | audit~ |
        financial audit | revenue recognition | rev rec | asc 606 | ifrs 15 | deferred revenue |
        multi year contracts | billing | invoices | invoicing | invoice | chargebee | recurly |
        zuora | stripe billing | quote to cash | order to cash | collections | accounts receivable |
        ar | dunning | netsuite~ | quickbooks | xero | gaap | controls~ | financial controls |
        sox | reconcile~ | accruals""",
        """revenue recognition | asc 606 | billing systems | month end close | quote to cash |
        financial controls | netsuite | stripe billing | accounting | controllership""",
        1.1,
    ),
    Concept(
        "delivery", "COO", "delivery predictability and cross-team coordination",
        """missing release dates | missed deadlines | miss deadlines | missing deadlines |
        deadlines | release dates | late releases | always late | slipping | slips | timeline |
        timelines | estimates | nobody believes | predictability | predictable | coordination |
        coordinate | across teams | six teams | dependencies | planning~ | agile | scrum | kanban |
        sprints | sprint | jira | pmo | program management | project management | portfolio |
        status reports | stakeholders | dora | cycle time | velocity | throughput | delivery |
        on track | ships late | ship late | behind schedule | late~ | projects are late |
        everything is late | overrun~ | overcommitted | too many projects | priorities change""",
        """agile delivery | pmo | scrum kanban | dora metrics | jira | program management |
        stakeholder management | delivery | project management""",
    ),
    Concept(
        "support-ops", "COO", "customer support and service operations",
        """support tickets | ticket backlog | tickets | backlog~ | csat | nps~ | customer support |
        support team | support queue | response times | customers complain | complaints |
        customer service | call center | contact center | tier 1 | tier one | outsourcing |
        outsource | bpo | zendesk | intercom | freshdesk | agents | chat support | help center""",
        """customer support operations | zendesk | intercom | bpo outsourcing | bpo |
        workforce management | kpi design | customer service | support operations""",
        1.1,
    ),
    Concept(
        "process", "COO", "manual processes that need fixing or automating",
        """copying data | copy paste | copy and paste | manual work | manual process |
        copying | retyping | rekeying | re entering | hours every week | by hand~ |
        from email into |
        manual processes | repetitive | back office | busywork | spreadsheets~ | admin panel |
        automate | automation | zapier | workflows | workflow | sops | standard operating |
        operations | ops team | operational | scale operations | processes | process~ |
        efficiency | headcount keeps growing | hiring more people to keep up | kpi | kpis |
        workforce | staffing | scheduling shifts""",
        """process automation | operations | kpi design | workforce management | process design |
        operational excellence""",
    ),
    Concept(
        "revops", "CRO", "sales process, pipeline and CRM problems",
        """salesforce | hubspot | crm | pipeline | forecast | forecasting | sales forecast |
        lead routing | leads | lead | sales process | sales team | salespeople | reps |
        quota | quotas | commission | comp plan | deals | deal desk | win rate | close rate |
        sales cycle | revops | revenue operations | go to market | gtm | cpq | quotes~ |
        quoting | discounting | territories | sdr | bdr | outbound | inbound | duplicate accounts |
        sales ops | sales operations | revenue~ | sales~ | bookings""",
        """revenue operations | salesforce | hubspot | cpq | sales process design |
        pipeline forecasting | lead routing | revops | sales operations | go to market""",
    ),
)

# Regulated contexts: (key, query triggers, phrases found in a partner's industries/skills/title).
INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("healthcare",
     """healthcare | health care | hipaa | phi | patient | patients | hospital | hospitals |
     health system | clinic | clinics | clinical | ehr | emr | telehealth | telemedicine |
     medical | physician | physicians | doctors | nurses | pharmacy | pharma | biotech |
     health plan | payer | medicare | medicaid | hitrust | fhir | hl7 | care provider""",
     """healthcare | health | digital health | medical | hospital | life sciences | pharma |
     biotech | hipaa | telehealth | hitrust"""),
    ("payments",
     """payments | payment processor | card issuing | cards | pci | pci dss | cardholder |
     acquirer | psp | interchange | ledger | sponsor bank | wallet | remittance | payouts""",
     """payments | fintech | pci dss | payments architecture | card"""),
    ("banking",
     """bank | banks | banking | core banking | credit union | lender | lending | loans |
     mortgage | deposits | regulators | occ | fdic | basel | broker dealer | sponsor bank""",
     """banking | bank | financial services | lending | credit union"""),
    ("fintech",
     """fintech | neobank | kyc | aml | money transmitter | trading platform | crypto |
     brokerage | wealth management | investing app""",
     """fintech | financial services | banking | payments"""),
    ("insurance",
     """insurance company | insurance carrier | insurance products | insurer~ | insurance~ |
     insurtech | underwriting | claims | policyholders | policy administration | actuarial |
     reinsurance | premiums""",
     """insurance | insurtech"""),
    ("government",
     """government | public sector | federal | state agency | agency contract | fedramp |
     city government | city governments |
     county government | municipalities | govtech | state contract | stateramp |
     cmmc | itar | fisma | municipal | city council | dod | defense contractor""",
     """government | public sector | federal | defense | govtech"""),
    ("education",
     """school | schools | university | universities | students | k12 | ferpa | edtech |
     campus | teachers""",
     """education | edtech | higher education"""),
    ("legal",
     """law firm | law firms | attorneys | lawyers | legal practice | paralegals | client
     confidentiality | privileged documents""",
     """legal | law"""),
)

# Role words: they set a small prior only, since clients often ask for the wrong executive.
ROLES: dict[str, str] = {
    "cto": "CTO", "chief technology officer": "CTO", "vp engineering": "CTO",
    "head of engineering": "CTO", "technical cofounder": "CTO",
    "cio": "CIO", "chief information officer": "CIO", "head of infotech": "CIO",
    "infotech director": "CIO",
    "ciso": "CISO", "chief information security officer": "CISO", "security officer": "CISO",
    "head of security": "CISO",
    "cpo": "CPO", "chief product officer": "CPO", "head of product": "CPO",
    "vp product": "CPO", "product leader": "CPO",
    "cdo": "CDO", "chief data officer": "CDO", "head of data": "CDO", "caio": "CDO",
    "chief ai officer": "CDO",
    "cfo": "CFO", "chief financial officer": "CFO", "controller": "CFO",
    "head of finance": "CFO", "vp finance": "CFO",
    "coo": "COO", "chief operating officer": "COO", "head of operations": "COO",
    "vp operations": "COO",
    "cro": "CRO", "chief revenue officer": "CRO", "vp sales": "CRO", "head of sales": "CRO",
    "revops leader": "CRO",
}
