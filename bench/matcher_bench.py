"""Benchmark the local matcher: 1,000 synthetic partners, 200 queries; median and p95 in ms.

Usage: python bench/matcher_bench.py [--partners 1000] [--queries 200] [--seed 7]
The index is built once (timed separately), as the app does per directory.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from fxorleans.domain.partners import LEVELS, PRACTICES, PartnerProfile, Skill
from fxorleans.services.matcher import LocalMatcher

SKILLS = {
    "CTO": ["AWS", "Kubernetes", "Terraform", "CI/CD", "System Architecture", "FinOps",
            "Legacy Modernization", "MVP Development", "Payments Architecture", "HIPAA",
            "Site Reliability Engineering", "Observability", "Technical Hiring", "Go", "Java"],
    "CIO": ["ERP Implementation", "NetSuite", "Microsoft 365", "Intune", "IT Strategy",
            "MSP Management", "Help Desk/ITSM", "M&A IT Integration", "Vendor Management"],
    "CISO": ["SOC 2", "ISO 27001", "Incident Response", "Penetration Testing", "Okta",
             "Identity & Access Management", "Security Questionnaires", "Cloud Security"],
    "CPO": ["Product Strategy", "Roadmapping", "Product Discovery", "Growth", "A/B Testing",
            "Pricing & Monetization", "Retention Strategy", "OKRs"],
    "CDO": ["Snowflake", "dbt", "Looker", "Machine Learning", "MLOps", "LLM Applications",
            "Data Governance", "GDPR", "Master Data Management"],
    "CFO": ["FP&A", "Fundraising", "Financial Modeling", "Revenue Recognition (ASC 606)",
            "Month-End Close", "Board Reporting", "Runway Planning"],
    "COO": ["Agile Delivery", "PMO", "Jira", "Customer Support Operations", "Zendesk",
            "Process Automation", "BPO/Outsourcing"],
    "CRO": ["Revenue Operations", "Salesforce", "HubSpot", "CPQ", "Pipeline Forecasting",
            "Lead Routing", "Sales Process Design"],
}
INDUSTRIES = ["B2B SaaS", "Healthcare", "Fintech", "Banking", "Insurance", "Retail",
              "Manufacturing", "Media", "Education", "Government", "Logistics", "Legal"]
BIO = ["I have led teams through {a} and {b} at companies from seed to IPO.",
       "Clients call me when {a} becomes urgent.", "Most engagements start with {b}.",
       "Before going fractional I ran {a} for a {i} company for eight years.",
       "I care about pragmatic plans, clear ownership and measurable outcomes."]
QUERIES = [
    "Our AWS bill doubled in six months and nobody knows why.",
    "procurement wants our SOC 2 report before signing",
    "we got hacked last night, files encrypted",
    "Customers keep getting logged out and reuse passwords everywhere",
    "Our books don't close until the 20th and auditors flagged revenue recognition",
    "churn after the first month is terrible and trial conversion is 2%",
    "Salesforce forecast is never right and lead routing is manual",
    "We need a data warehouse and one revenue number for the board",
    "kubernets clusters keep falling over, on-call is burned out",
    "We're a hospital app and need HIPAA compliant AWS",
    "Need a CTO to fix release dates slipping across six teams",
    "NetSuite implementation is 8 months late and over budget",
    "how much runway do we have and how do we raise a series A",
    "support backlog is huge and CSAT is dropping, should we outsource tier 1",
    "Add an AI assistant over our customer documents with retrieval",
]


def synthetic_partners(n: int, rng: random.Random) -> list[PartnerProfile]:
    partners = []
    for i in range(n):
        practice = rng.choice(PRACTICES)
        own = rng.sample(SKILLS[practice], k=min(5, len(SKILLS[practice])))
        other = rng.sample(SKILLS[rng.choice(PRACTICES)], k=3)
        names = list(dict.fromkeys(own + other))[:12]
        inds = rng.sample(INDUSTRIES, k=rng.randint(1, 4))
        bio = " ".join(s.format(a=rng.choice(names), b=rng.choice(names), i=inds[0])
                       for s in rng.sample(BIO, k=4))
        partners.append(PartnerProfile(
            id=f"partner-{i:04d}", email=f"p{i}@example.com", first_name="Pat",
            last_name=f"Number{i}", title=f"Fractional {practice}", practice=practice, bio=bio,
            skills=tuple(Skill(s, rng.randint(1, 20), rng.choice(LEVELS)) for s in names),
            industries=tuple(inds), location="Remote", timezone="UTC",
            working_hours=(), photo_url="", active=rng.random() > 0.05))
    return partners


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--partners", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    partners = synthetic_partners(args.partners, rng)
    matcher = LocalMatcher()
    t0 = time.perf_counter()
    matcher.rank("warm up the index", partners, top=5)
    build_ms = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(args.queries):
        text = rng.choice(QUERIES)
        t0 = time.perf_counter()
        matcher.rank(text, partners, top=5)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    print(f"partners={args.partners} queries={args.queries} index_build_ms={build_ms:.1f}")
    print(f"median_ms={statistics.median(times):.2f} p95_ms={p95:.2f} max_ms={times[-1]:.2f}")


if __name__ == "__main__":
    main()
