"""More business vocabulary: pricing, fit, exits, sales teams, operating models, supply chains,
demand forecasting, data platforms and public-sector technology.

Same format as `vocabulary.py`: '|'-separated phrases, '~' marks a weak trigger. These cover
problems that founders describe in plain words ("orders ship late", "the founders still close
every deal", "nobody knows who decides what") rather than by the skill a partner lists.
"""

from __future__ import annotations

from fxorleans.services.matcher.vocabulary import Concept

MORE: tuple[Concept, ...] = (
    Concept(
        "pricing", "CPO CRO CFO", "pricing and packaging decisions",
        """pricing | price | prices | raise our prices | raise prices | price increase |
        price rise | what to charge | how much to charge | charge more | undercharging |
        too expensive | too cheap | expensive~ | cheap~ | money on the table | discounts |
        discounting | discount | per seat | per user pricing | usage based | pay as you go |
        metered | tiers | pricing tiers | plans~ | packaging | bundles | bundle | free tier |
        free plan | free trial | trial~ | willingness to pay | monetize | monetise |
        monetization | monetisation | value metric | price list | pricing page""",
        """pricing strategy | pricing | packaging | usage based pricing | willingness to pay |
        monetisation | monetization | b2b pricing | monetisation experiments""",
        1.1,
    ),
    Concept(
        "fit", "CPO", "finding out who really buys and why",
        """product market fit | pmf | why customers buy | why they buy | why people buy |
        different reason | different reasons | who our customer is | who our customers are |
        ideal customer | icp | target customer | target market | which customers | niche |
        positioning | messaging | value proposition | can't explain why | cant explain why |
        some stay | others churn | traction | repeatable | lost deals | customer interviews |
        talk to customers | nobody knows who we sell to | every deal is different | sell to
        everyone | use case~ | use cases~""",
        """product market fit | positioning | customer interviews | jobs to be done |
        ideal customer profile | retention analysis | product discovery""",
        1.1,
    ),
    Concept(
        "exit", "CFO", "selling the company or buying one, on the finance side",
        """sell the company | selling the company | sell our company | ready to sell |
        sale of the company | exit | exit plan | buyer | buyers | acquirer | acquirers |
        offer to buy | offer for our company | buy us | buying us | acquire us | acquired~ |
        being acquired | acquisition offer | letter of intent | loi | term sheet~ | earn out |
        earnout | quality of earnings | qoe | sell side | buy side | clean financials |
        three years of financials | financial due diligence | diligence~ | valuation~ |
        what is our company worth | what we are worth | synergies | strategic buyer |
        private equity~ | merger~""",
        """mna | exit readiness | quality of earnings | financial due diligence |
        data room preparation | valuation | post merger integration | cohort analysis""",
        1.1,
    ),
    Concept(
        "sales-team", "CRO", "building and running a sales team",
        """founder led sales | founder led | founders sell | founders close | founder closes |
        founders still close | close every deal | founders do all the selling | first salespeople |
        first sales hire | first sales hires | first sellers | hire salespeople | hire sales reps |
        hire our first | hiring salespeople | sales hiring | sales playbook | playbook |
        account executives | account executive | sales coaching | coach our reps |
        enterprise sales | enterprise deals~ | big contracts | channel partners | resellers |
        distributors~ | partners to sell | new region | new market~ | negotiation | negotiate |
        sales team~ | salespeople~ | sales leader | vp sales | head of sales""",
        """sales playbooks | enterprise sales | sales hiring | channel partnerships |
        sales coaching | negotiation | market entry | sales process design""",
        1.1,
    ),
    Concept(
        "operating-model", "COO", "how a fast-growing company plans, decides and runs itself",
        """operating model | operating rhythm | operating cadence | meeting cadence |
        who decides | who decides what | decision rights | decisions get made | nobody decides |
        nobody owns | who owns what | ownership~ | accountability | meetings | too many meetings |
        meetings multiply | silos | siloed | cross functional | teams don't talk |
        doubled headcount |
        doubled in size | grew too fast | growing pains | nothing works like | after the raise |
        reorg | reorganisation | reorganization | restructure | restructuring | org chart |
        org design | headcount planning | planning cycle | annual planning | quarterly planning |
        business review | weekly business review | okrs~ | priorities change | chaos~ |
        international expansion | open an office | new office | new country""",
        """operating cadence | organisation design | organization design | org design |
        process design | cross functional leadership | headcount planning | change management |
        international expansion | okrs""",
    ),
    Concept(
        "supply-chain", "COO", "moving physical goods on time and at the right cost",
        """supply chain | logistics | shipping~ | shipping costs | shipping times |
        shipping delays | freight | freight costs |
        carriers | carrier | 3pl | third party logistics | warehouse~ | warehouses~ |
        fulfilment | fulfillment | orders ship late | ship late | late deliveries | late orders |
        on time delivery | delivery times | stockouts~ | out of stock~ | overstock | suppliers |
        supplier | vendors late | procurement~ | purchasing | sourcing | landed cost |
        cost per unit | inventory~ | lead times | s&op | sales and operations planning |
        manufacturing~ | factory~ | lean | returns~""",
        """supply chain management | supply chain | s&op | 3pl management | procurement |
        inventory planning | freight negotiation | warehouse kpis | lean operations | logistics""",
        1.1,
    ),
    Concept(
        "demand-forecasting", "CDO", "predicting demand, stock and prices with data",
        """demand forecasting | forecast demand | predict demand | demand planning | demand~ |
        how much to order | how much stock | stockouts | out of stock | empty shelves |
        shelves sit empty | overstock | spoiled | spoilage | waste | food waste | throw out |
        throwing out | markdowns | replenishment | inventory optimisation | inventory optimization |
        dynamic pricing | delivery time prediction | eta predictions | time series | sales
        forecast for stores~ | stores~""",
        """demand forecasting | time series | inventory optimisation | inventory optimization |
        dynamic pricing | forecasting""",
        1.1,
    ),
    Concept(
        "data-platform", "CDO", "data platform and pipeline engineering",
        """data platform | data pipeline | data pipelines | pipelines~ | cron jobs | cron |
        batch jobs~ | streaming | real time data | real time | event data | events~ | kafka |
        spark | databricks | lakehouse | data lake | teradata | on prem warehouse |
        on premise warehouse | warehouse migration | data contracts | data engineering |
        data engineers | etl~ | ingestion | pipelines break | data arrives late |
        dashboards are a day old""",
        """data platform architecture | databricks | apache kafka | kafka | apache spark |
        lakehouse | data contracts | data warehouse migration | data engineering | dbt""",
    ),
    Concept(
        "public-sector", "CIO", "selling to or running technology in government",
        """government | public sector | state agency | state agencies | city government |
        city governments | county | counties | municipal | municipality | agency~ | agencies~ |
        public agencies | govtech | state contract | government contract | rfp | rfps |
        request for proposal | tender | tenders | bid~ | procurement rules | stateramp |
        state ramp | fedramp | security authorization | authority to operate | ato |
        section 508 | accessibility | wcag | public records | records retention | foia""",
        """government procurement | rfp writing | fedramp | stateramp | section 508 accessibility |
        case management systems | infotech governance | records management | public sector""",
        1.1,
    ),
)
