"""The hand-built vocabulary: how clients describe problems, mapped to what partners list.

Each `Concept` joins everyday, business and symptom language (`triggers`) to the skill,
title and bio words partners use (`skills`) and to the practices that usually own the
problem. Clients rarely name the skill ("customers keep getting logged out", "procurement
wants our security report"), and partners rarely describe the symptom, so the matcher needs
this bridge. Phrases are '|'-separated; a trailing '~' marks a weak trigger (ambiguous on its
own). Every skill phrase is also a trigger. Technology practices live here, the business ones
in `vocabulary_business.py`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    key: str
    practices: str  # space-separated practices that usually own this problem
    need: str  # the client's need, as a reason sentence ends: "... matches your {need}"
    triggers: str
    skills: str
    weight: float = 1.0


TECH: tuple[Concept, ...] = (
    Concept(
        "cloud-cost", "CTO", "need to get cloud spend under control",
        """cloud bill | aws bill | azure bill | gcp bill | bill doubled | bill tripled |
        bill went up | bill keeps growing | hosting bill | hosting costs | cloud costs |
        cloud cost |
        cloud spend | infrastructure costs | infra costs | spend on aws | costs growing faster |
        costs r growing | cost per customer | cost per user | cost per order | cost allocation |
        savings plans | reserved instances | rightsizing | right sizing | overprovisioned |
        burning money on servers | server costs | spend under control | finops | unit economics~ |
        expensive cloud | cloud invoice | cost attribution | tagging strategy | chargeback |
        showback""",
        """finops | cost optimization | cloud economics | cost management | cloud cost |
        unit economics | cloud governance | savings plans | reserved instances | rightsizing""",
        1.2,
    ),
    Concept(
        "cloud-platform", "CTO", "need for a solid cloud and infrastructure setup",
        """aws | azure | gcp | google cloud | cloud | ec2 | kubernetes | k8s | eks | gke | aks |
        terraform | infrastructure as code | iac | docker | containers | serverless | lambda |
        hand built servers | servers by hand | single server | pets not cattle | cloud migration |
        move to the cloud | migrate to the cloud | data center | on prem | multi account |
        landing zone | infrastructure~ | devops | hosting~ | clusters~""",
        """aws | azure | google cloud | gcp | kubernetes | terraform | cloud architecture |
        infrastructure | devops | platform engineering | cloud migration | docker | eks""",
    ),
    Concept(
        "delivery-pipeline", "CTO", "need to ship code safely and often",
        """ci cd | cicd | continuous integration | continuous delivery | continuous deployment |
        deploy pipeline | deployment pipeline | deploys are scary | afraid to deploy |
        deploy once a month | releases take | manual deploys | manual deployment | build pipeline |
        github actions | jenkins | release process~ | deploy daily | deployments break |
        rollback""",
        """ci cd | continuous delivery | devops | release engineering | github actions |
        deployment""",
    ),
    Concept(
        "architecture", "CTO", "architecture and scaling questions",
        """architecture | monolith | microservices | split the monolith | scale | scaling |
        scalability | technical debt | tech debt | spaghetti code | code base is a mess |
        codebase | rewrite | re architect | rearchitect | event driven | system design |
        database is slow | postgres | database~ | queries are slow | api design | can't scale |
        won't scale | performance~ | built to last""",
        """system architecture | software architecture | microservices | event driven architecture |
        scalability | technical debt | postgresql | api design | distributed systems""",
    ),
    Concept(
        "reliability", "CTO", "reliability and uptime problems",
        """outage | outages | downtime | site goes down | site is down | site keeps going down |
        app goes down | keeps crashing~ | crashes~ | went down | goes down | uptime |
        on call | oncall | pager | paged | pages at night | woken up | burning out~ | burnout~ |
        sre | slo | slos | sla | error budget | monitoring | alerting | alerts | observability |
        datadog | grafana | prometheus | incident process | postmortem | post mortem |
        p99 | latency | slow at peak | traffic peaks | traffic spikes | black friday |
        availability zone | failover | high availability | resilience | resilient | 500 errors |
        timeouts | performance tuning | load testing | capacity~ | falling over | falls over |
        keeps dying | keeps breaking | flaky | unstable | instability | slow pages | pages load |
        loads slowly | site is slow | app is slow | goes down | gone down | errors spike""",
        """site reliability engineering | sre | observability | incident management | monitoring |
        datadog | platform engineering | performance tuning | high availability | reliability |
        capacity planning | linux""",
    ),
    Concept(
        "mvp", "CTO", "need to get a first version built and launched",
        """mvp | minimum viable product | first version | version one | v1 | build an app |
        build the app | app idea | startup idea | prototype | non technical founder |
        i don't code | don't write code | don't know how to code | no technical cofounder |
        technical cofounder | cofounder | idea to launch | launch the app | launch our app |
        iphone and android | ios and android | mobile app | app store | no code | nocode |
        bubble | scope the first | what to build first | solo founder | pre seed | seed stage""",
        """mvp development | mvp | product scoping | react native | mobile apps | prototyping |
        early stage | startups | founders | firebase | typescript""",
    ),
    Concept(
        "vendor-dev", "CTO", "need to choose and manage whoever builds the software",
        """agency | agencies | offshore | outsourced development | outsource development |
        freelancers | freelancer | contractors built | dev shop | development shop | agency quotes |
        quotes | upwork | fiverr | nearshore | vendor built | code quality~ | is the code any good |
        code review~ | rewrite or keep | keep going or rewrite | bad code | hire developers |
        hire a developer | hire engineers | first engineers | first hires~ | hiring engineers |
        technical interview | recruit engineers | build the team~""",
        """agency management | technical hiring | vendor management | outsourcing |
        team building | engineering hiring | code review | mvp development""",
    ),
    Concept(
        "eng-leadership", "CTO", "engineering leadership and team questions",
        """engineering team | engineering manager | engineering managers | vp engineering |
        vp of engineering | engineers~ | developers~ | dev team | tech lead | senior engineers |
        career ladder | career ladders | career path | path to promotion | promotion~ | levels~ |
        levelling | leveling | performance reviews~ | one on ones | team is growing |
        scaling the team | engineering culture | attrition~ | retain engineers |
        engineers are leaving | developers are leaving | engineers keep quitting |
        ship less | shipping slower | slower as we grow | more engineers but | doubled the team |
        team topologies | hiring loop | interview loop | hiring bar | onboarding engineers""",
        """engineering leadership | engineering management | team building | technical hiring |
        mentoring | org design""",
        0.8,
    ),
    Concept(
        "legacy", "CTO", "need to modernize an old core system without betting the company",
        """mainframe | cobol | legacy | legacy system | old system | 30 year old | 20 year old |
        decades old | as400 | as 400 | modernize | modernization | modernise | core system |
        core banking | policy administration | policy admin | replatform | re platform |
        big bang | single cutover | cutover | strangler | end of life | unsupported | sunset~ |
        vendor contract ending~ | cloud core | visual basic | delphi | fortran""",
        """legacy modernization | mainframe | cobol | modernization | java | migration |
        event driven architecture | microservices | core banking""",
        1.1,
    ),
    Concept(
        "due-diligence", "CTO", "need for an independent technical assessment",
        """due diligence | technical due diligence | tech dd | acquisition target |
        acquire a company |
        investor wants~ | assess the code | assessment of the tech | audit our code | code audit |
        tech audit | technical review | second opinion | independent review | red flags""",
        """technical due diligence | due diligence | code audit | architecture review""",
    ),
    Concept(
        "payments", "CTO", "payments, ledger and money-movement problems",
        """payments | payment | card issuing | issuing | cards~ | processor | payment processor |
        acquirer | psp | stripe~ | adyen | checkout~ | ledger | double entry | money movement |
        sponsor bank | banking partner | bank partner | baas | wallet | payouts | pci | pci dss |
        card data | cardholder | chargebacks | fraud | fraudsters | fake accounts | stolen cards |
        reconciliation | reconcile | smart routing | payment routing | orchestration | ach |
        wire transfers | remittance | interchange | kyc | aml""",
        """payments architecture | payments | pci dss | ledger design | ledger |
        fraud prevention | reconciliation systems | reconciliation | bank partnerships |
        card issuing | kyc | aml | fintech""",
        1.1,
    ),
    Concept(
        "health-tech", "CTO", "healthcare data and integration requirements",
        """hipaa | phi | patient | patients | patient data | health data | medical records | ehr |
        emr | epic | cerner | fhir | hl7 | hospital | hospitals | health system | clinic | clinics |
        clinical | clinicians | doctors | telehealth | telemedicine | baa | business associate |
        medical device | fda | health plan | payer | care team""",
        """hipaa | fhir | hl7 | healthcare integrations | telehealth | ehr | healthcare | hitrust |
        health""",
        1.1,
    ),
    Concept(
        "it-ops", "CIO", "need someone to own everyday IT",
        """infotech | infotech mess | infotech support | infotech person | nobody owns infotech |
        laptops | laptop | devices | device management | mdm~ | intune | jamf | printers |
        wifi | network~ | helpdesk | help desk | tickets~ | msp | managed service provider |
        infotech provider | infotech vendor | doesn't respond | office 365 | microsoft 365 |
        m365 | o365 |
        google workspace~ | email~ | shared drive | file server~ | backups | backup |
        disaster recovery | onboarding new hires~ | new starters | infotech budget |
        infotech roadmap |
        infotech strategy | technology roadmap~ | licenses | software licenses | itsm""",
        """infotech operations | microsoft 365 | intune | endpoint management | msp management |
        help desk | itsm | infotech strategy | backup | disaster recovery | infotech""",
    ),
    Concept(
        "erp", "CIO", "ERP and business-systems decisions",
        """erp | netsuite | dynamics | dynamics 365 | sap | business one | oracle | odoo | epicor |
        infor | sage | quickbooks~ | excel~ | spreadsheets~ | inventory | warehouse management |
        supply chain | mrp | order management | purchase orders | implementation partner |
        change orders | over budget~ | months late~ | go live | go-live | system selection |
        pick between | which system | implementation is late | stuck implementation""",
        """erp implementation | erp | netsuite | microsoft dynamics 365 | sap | project recovery |
        supply chain systems | vendor management | infotech strategy | system selection""",
        1.1,
    ),
    Concept(
        "m-and-a-it", "CIO", "IT integration around an acquisition",
        """acquiring | acquisition | acquired | merger | merging | mna | integrate the |
        day one | day 1 | carve out | carveout | divestiture | two companies | combine systems""",
        """mna infotech integration | mna | infotech integration | carve out |
        infotech operations""",
    ),
    Concept(
        "compliance", "CISO", "compliance audit and certification needs",
        """soc2 | soc | soc 2 | type ii | type 2 | type i | iso27001 | iso 27001 | iso | hitrust |
        fedramp | nist | cmmc | audit | auditors~ | auditor~ | certification | certified |
        compliance | compliant | security report | security certification | attestation |
        vanta | drata | secureframe | controls~ | policies~ | security policy | trust center |
        enterprise customers want | procurement | fortune 500~ | enterprise deal | big customer~""",
        """soc 2 | iso 27001 | compliance | grc | security policy | risk management | vanta |
        drata | audit | hitrust | risk assessments | security program""",
        1.1,
    ),
    Concept(
        "questionnaires", "CISO", "security reviews from customers and prospects",
        """security questionnaire | security questionnaires | questionnaire | questionnaires |
        vendor assessment | security assessment | security review | vendor review |
        security team sent | infosec review | caiq | sig lite | due diligence questionnaire |
        questions about our security | security questions | security controls | question |
        sales cycle is stalling~ | deals stuck in security | vendor risk | third party risk |
        supplier risk""",
        """security questionnaires | vendor risk management | security reviews | risk management |
        compliance""",
        1.1,
    ),
    Concept(
        "incident", "CISO", "an active or recent security incident",
        """hacked | hack | breach | breached | data breach | ransomware | ransom | encrypted~ |
        attackers | attacker | hackers | compromised | malware | virus | phishing | phished |
        suspicious~ | suspicious logins | suspicious activity | intrusion | leaked | leak |
        stolen data | extortion | incident response |
        forensics | someone got in | locked out of our | attack | attacked | cyber attack |
        cyberattack | ddos | business email compromise | wire fraud~ | right now~ | bitcoin |
        demanding payment | threatening to publish | publish our data | publish our files |
        extort | blackmail | locked our files | files are encrypted | cant open our files |
        strange logins | unknown logins""",
        """incident response | digital forensics | ransomware recovery | forensics | breach |
        threat hunting | crisis""",
        1.3,
    ),
    Concept(
        "offensive-testing", "CISO", "testing your defences before someone else does",
        """pen test | pentest | penetration test | penetration testing | red team | red teaming |
        tabletop | table top | tabletop exercise | vulnerability | vulnerabilities |
        vulnerability scan | threat model | threat modeling | cyber insurance | insurance renewal |
        bug bounty | attack surface | how secure are we | security posture | security gaps |
        test our defences | tested our defences | test our defenses | tested our defenses |
        defences~ | defenses~ | ethical hacker | hack us | break in | find the holes""",
        """penetration testing | red teaming | tabletop exercises | threat modeling |
        vulnerability management | security assessment | application security""",
    ),
    Concept(
        "identity", "CISO CIO", "logins, passwords and who-has-access problems",
        """logged out | log out | logging in | log in | log into | logs into | login | logins |
        sign in | signing in |
        password | passwords | reuse passwords | password reuse | shared passwords | sso |
        single sign on | mfa | 2fa | multi factor | two factor | okta | azure ad | entra |
        active directory | identity provider | idp | saml | scim | oauth | auth0 | identity |
        access~ | still have access | access review | offboarding | offboard | ex employees |
        former employees | people who left | when someone leaves | someone leaves |
        leaves the company | left the company | leave the company | still log | console access |
        admin tools~ | staff leave | employees leave |
        joiners and leavers | joiner mover leaver | admin rights | who has admin | staff left |
        left months ago | still in slack | still logged in | shared admin | shared accounts |
        joiners | contractors still | permissions | privileged access | least privilege |
        zero trust | session expired | session timeout | authentication | authorization""",
        """identity & access management | identity | access management | iam | okta | sso |
        saml | zero trust | aws iam | mfa | active directory | entra id | authentication""",
        1.1,
    ),
    Concept(
        "cloud-security", "CISO", "security of your cloud accounts",
        """cloud security | aws security | misconfigured | misconfiguration | public s3 |
        s3 bucket | open bucket | exposed database | secrets in code | leaked keys | aws console |
        cspm | security hub | guardduty | cloud posture | root account""",
        """cloud security | cspm | aws iam | zero trust | security architecture""",
    ),
    Concept(
        "privacy", "CDO CISO", "privacy and data-protection obligations",
        """gdpr | ccpa | cpra | privacy | data protection | dpo | data protection officer |
        record of processing | ropa | dpia | consent | cookie banner | cookies~ | eu customers |
        expanding into the eu | europe~ | personal data | pii | data subject | deletion requests |
        right to be forgotten | data retention | lgpd | privacy policy | schrems""",
        """gdpr | ccpa | data privacy program | data privacy | dpo services | privacy |
        data protection | data governance""",
        1.2,
    ),
)
