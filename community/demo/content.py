"""Demo content for the ``seed-demo`` command: conditions, reviewed summaries, members, stories.

Everything here is fictional apart from the medical facts and the linked sources. Usernames
are pseudonymous, reviewers are invented, and the stories contain no real personal data.
The data is immutable so that seeding it twice gives the same result.
"""

import textwrap
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Summary:
    short_answer: str
    body_markdown: str
    reviewer_name: str
    reviewer_credentials: str
    reviewed_on: date
    updated_on: date
    next_review_due: date
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Question:
    slug: str
    title: str
    summary: Summary


@dataclass(frozen=True)
class Condition:
    slug: str
    name: str
    about_markdown: str
    questions: tuple[Question, ...]
    # Other names people search by.
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    username: str
    relations: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Story:
    """A thread: an experience on a question and its replies, nested by indentation of the tuple."""

    condition: str
    question: str
    author: str
    text: str
    state: str
    replies: tuple["Story", ...] = ()


def _md(text: str) -> str:
    """Strip the source indentation from a triple-quoted Markdown block."""
    return textwrap.dedent(text).strip()


# Condition slugs.
_PI = "primary-immunodeficiency"
_T1D = "type-1-diabetes"
_MS = "multiple-sclerosis"
_CD = "crohns-disease"
_ENDO = "endometriosis"

# Question slugs.
_PI_CAUSES = "what-causes-primary-immunodeficiency"
_PI_DIAGNOSIS = "how-is-primary-immunodeficiency-diagnosed"
_PI_TREATMENT = "how-is-primary-immunodeficiency-treated"
_T1D_CAUSES = "what-causes-type-1-diabetes"
_T1D_MANAGEMENT = "how-is-type-1-diabetes-managed"
_T1D_HYPO = "what-is-hypoglycaemia-and-how-is-it-treated"
_MS_SIGNS = "what-are-the-early-signs-of-multiple-sclerosis"
_MS_DIAGNOSIS = "how-is-multiple-sclerosis-diagnosed"
_MS_TREATMENT = "what-treatments-are-available-for-multiple-sclerosis"
_CD_CAUSES = "what-causes-crohns-disease"
_CD_TREATMENT = "how-is-crohns-disease-treated"
_CD_DIET = "can-diet-help-with-crohns-disease"
_ENDO_SYMPTOMS = "what-are-the-symptoms-of-endometriosis"
_ENDO_DIAGNOSIS = "how-is-endometriosis-diagnosed"
_ENDO_TREATMENT = "what-treatments-help-with-endometriosis"


# ---------------------------------------------------------------------------------------------
# Primary Immunodeficiency
# ---------------------------------------------------------------------------------------------

_PI_CAUSES_SUMMARY = Summary(
    short_answer=(
        "Primary immunodeficiency (PI) is not a single illness but a family of more than 450 "
        "rare conditions. Almost all of them come from a change in a gene the immune system "
        "depends on, so PI is usually there from birth rather than caught or developed later. "
        "Because part of the body's defences does not work properly, people with PI tend to get "
        "infections that are frequent, hard to shake off or unusually severe."
    ),
    body_markdown=_md(
        """
        Primary immunodeficiency, also called an inborn error of immunity, is an umbrella term
        for more than 450 separate conditions. Each one is rare and they vary widely in how
        serious they are, but they share one feature: some part of the immune system is missing
        or does not do its job. This sets PI apart from *secondary* immunodeficiency, where a
        healthy immune system is weakened by something else, such as certain medicines, cancer
        treatment or HIV.

        ### A fault in the instructions

        In nearly every case the root cause is a genetic error. Genes hold the instructions the
        body follows to build immune cells and to tell them how to behave. When one of those
        instructions is altered, the development or the work of key cells is thrown off,
        including **B cells**, which make antibodies, **T cells**, which coordinate the immune
        response and destroy infected cells, and **phagocytes**, which swallow and break down
        germs. Because the change is written into a person's genes, PI is normally present from
        birth, even when it is only recognised in later childhood or adulthood.

        One way to picture this is to imagine the immune system as the security team of a large
        building, with the genes acting as its hiring office. In some forms of PI the office
        never hires enough guards, so whole groups of cells are missing. In others the guards
        are hired but trained wrongly: they turn up for work, yet cannot recognise or deal with
        intruders as they should. Either way, germs that a healthy team would stop get through
        more easily, which is why infections keep returning or linger.

        ### How PI runs in families

        Most forms of PI are inherited, although a gene change can also appear for the first
        time in a child with no family history, so having no affected relatives does not rule
        PI out. The main inheritance patterns are:

        - **Autosomal recessive:** a person is affected only if they receive an altered copy of
          the gene from both parents. The parents are usually healthy carriers, and each of
          their children has a one in four chance of being affected.
        - **Autosomal dominant:** a single altered copy is enough to cause the condition. It can
          be passed on by a parent who has it, or arise new in the child.
        - **X-linked:** the altered gene sits on the X chromosome, so the condition mostly
          affects boys, while mothers and sisters can be carriers without symptoms. X-linked
          agammaglobulinaemia is a well-known example.

        ### Hundreds of genes, different weak spots

        Researchers have now linked more than 485 gene defects to PI. Depending on the gene, the
        problem may lie in producing antibodies, in switching on T cells, or in the complement
        system, a set of blood proteins that help tag and destroy germs. This variety explains
        why two people who both have "PI" can have very different symptoms, tests and
        treatments, and why pinning down the exact type matters.

        ### Causes versus risk factors

        It helps to separate what causes PI from what makes it harder to live with. Nothing in
        the environment, diet or lifestyle causes the condition, and it is not the result of
        anything a person or their parents did. The environment does shape complications,
        though: exposure to germs can lead to infections that are more frequent or more
        serious, and infections and other triggers can make autoimmune problems worse, which
        are more common in some types of PI. That is why preventing infections, treating them
        promptly and following the care team's vaccination advice (some live vaccines are not
        safe in certain types of PI) are so important.

        ### What research is adding

        Genetic testing keeps improving. Whole exome sequencing, which reads the protein-coding
        parts of all genes at once, is increasingly offered to people whose PI has no known
        cause, and it can lead to a precise diagnosis and sometimes a more targeted treatment.
        Scientists are also studying epigenetics, the chemical switches that turn genes up or
        down, to understand why relatives who share the same gene change can be affected very
        differently. A clinical immunologist or genetic counsellor can explain what test results
        mean for you and your family.
        """
    ),
    reviewer_name="Dr. Amara Okafor",
    reviewer_credentials="MD, Clinical Immunology",
    reviewed_on=date(2026, 4, 2),
    updated_on=date(2026, 4, 7),
    next_review_due=date(2027, 4, 2),
    sources=(
        Source(
            "Primary Immune Deficiency Diseases (PIDDs) - National Institute of Allergy and "
            "Infectious Diseases",
            "https://www.niaid.nih.gov/diseases-conditions/primary-immune-deficiency-diseases-pidds",
        ),
        Source(
            "Understanding Primary Immunodeficiency - Immune Deficiency Foundation",
            "https://primaryimmune.org/understanding-primary-immunodeficiency",
        ),
        Source(
            "What are the different ways a genetic condition can be inherited? - MedlinePlus "
            "Genetics",
            "https://medlineplus.gov/genetics/understanding/inheritance/inheritancepatterns/",
        ),
        Source(
            "Human Inborn Errors of Immunity: 2022 Update on the Classification from the "
            "International Union of Immunological Societies Expert Committee",
            "https://doi.org/10.1007/s10875-022-01289-3",
        ),
    ),
)

_PI_DIAGNOSIS_SUMMARY = Summary(
    short_answer=(
        "Diagnosing PI starts with spotting a pattern: infections that come back too often, last "
        "too long, need unusually strong treatment or are caused by uncommon germs. A clinical "
        "immunologist then uses blood tests to measure antibodies and immune cells and to check "
        "how well they work, and genetic testing can often identify the exact type. Some severe "
        "forms are now found through newborn screening before any symptoms appear."
    ),
    body_markdown=_md(
        """
        Because PI is rare and its early signs look like everyday infections, diagnosis is
        often delayed, sometimes for years. The first step is recognising that someone's
        infections are out of the ordinary: too frequent, slow to clear, unusually severe, or
        caused by germs that rarely trouble healthy people.

        ### Warning signs doctors look for

        - repeated ear, sinus or chest infections, or more than one pneumonia
        - infections that do not respond to usual antibiotics or need antibiotics into a vein
        - deep abscesses in the skin or organs, or thrush that keeps coming back
        - a baby or child who is not growing or gaining weight as expected
        - a family history of PI, or infections alongside autoimmune or inflammatory problems

        ### First blood tests

        Initial tests usually include a full blood count with a breakdown of the different
        white blood cells, and measurement of the main antibody classes (IgG, IgA and IgM).
        Doctors often also check how well the body responds to vaccines by measuring specific
        antibodies before and after a vaccine dose. A weak response can reveal a problem even
        when total antibody levels look close to normal.

        ### Specialist and genetic tests

        A clinical immunologist may count the different lymphocytes (B cells, T cells and
        natural killer cells) using a technique called flow cytometry, test how T cells respond
        in the laboratory, and check the complement system or the ability of phagocytes to kill
        germs. Genetic testing, with a targeted gene panel or wider sequencing, can confirm a
        specific diagnosis, guide treatment and help relatives understand their own risk.

        ### Newborn screening

        All US states and a growing number of other countries screen newborn babies for severe
        combined immunodeficiency (SCID) using the routine heel-prick blood sample. The test
        looks for a marker of newly made T cells called TRECs. Finding SCID early matters,
        because babies do best when they receive treatment, usually a stem cell transplant,
        before serious infections take hold.

        If you are worried about frequent infections, keeping a simple record of infections,
        antibiotic courses and hospital visits can help your doctor see the pattern and decide
        whether a referral is needed. Results are always interpreted alongside your history: a
        single low result does not necessarily mean PI, because other illnesses and some
        medicines can lower antibody levels too.
        """
    ),
    reviewer_name="Dr. Tomasz Wierzbicki",
    reviewer_credentials="MD, Allergy and Clinical Immunology",
    reviewed_on=date(2026, 2, 16),
    updated_on=date(2026, 2, 16),
    next_review_due=date(2027, 2, 16),
    sources=(
        Source(
            "Primary Immune Deficiency Diseases: Diagnosis - National Institute of Allergy and "
            "Infectious Diseases",
            "https://www.niaid.nih.gov/diseases-conditions/pidd-diagnosis",
        ),
        Source(
            "10 Warning Signs of Primary Immunodeficiency - Jeffrey Modell Foundation",
            "https://info4pi.org/library/educational-materials/10-warning-signs/",
        ),
        Source(
            "Severe combined immunodeficiency - MedlinePlus Genetics",
            "https://medlineplus.gov/genetics/condition/severe-combined-immunodeficiency/",
        ),
    ),
)

_PI_TREATMENT_SUMMARY = Summary(
    short_answer=(
        "Treatment depends on which part of the immune system is affected. For the many types "
        "that involve missing or poorly working antibodies, the mainstay is immunoglobulin "
        "replacement therapy: regular infusions of antibodies collected from healthy blood "
        "donors, given into a vein or under the skin. People also need a plan for preventing and "
        "quickly treating infections, and some severe types can be cured with a stem cell "
        "transplant or, in a few cases, gene therapy."
    ),
    body_markdown=_md(
        """
        There is no single treatment for PI, because the conditions behind the name are so
        varied. The aims are the same, though: prevent infections, treat them quickly when they
        happen, look after complications such as lung damage or autoimmune problems, and, for
        some types, correct the underlying defect.

        ### Immunoglobulin replacement therapy

        Immunoglobulin (mostly IgG) is purified from the plasma of thousands of carefully
        screened donors. It supplies antibodies the body cannot make well enough on its own and
        protects against many common infections. It does not fix the underlying genetic fault,
        so for most people it is a long-term treatment. It can be given in two main ways:

        - **Into a vein (IVIG):** usually every three to four weeks, in a hospital or clinic, or
          at home with a nurse.
        - **Under the skin (SCIG):** usually weekly or every two weeks, often at home with a
          small pump after training. A "facilitated" form adds an enzyme that lets larger
          volumes be given less often, around every three to four weeks.

        The care team adjusts the dose based on how often infections happen and on blood IgG
        levels, and the choice of route depends on health, lifestyle and preference.

        ### Side effects

        Most infusions go smoothly. Headache, tiredness, chills, muscle aches and a mild fever
        can occur during or after IVIG, while SCIG commonly causes swelling, redness or itching
        at the infusion sites that settles within a day or two. Serious reactions, such as
        severe allergic reactions, blood clots or kidney problems, are uncommon. Teams can often
        reduce side effects by changing the infusion rate or product, and any severe headache,
        chest pain or breathlessness should be reported straight away.

        ### Other treatments

        Antibiotics are used promptly for infections, and some people take them regularly to
        prevent infections. A stem cell (bone marrow) transplant can cure SCID and some other
        severe forms, and gene therapy is available for a small number of types in specialist
        centres. Inactivated vaccines are generally encouraged for people with PI and their
        households, but live vaccines can be unsafe in some types, so check with the immunology
        team before any vaccination.

        ### Living well with PI

        With the right treatment many people with PI study, work, travel and lead full lives.
        Good hand hygiene, food safety, dental care and a clear plan for what to do when an
        infection starts all help. Living with a lifelong condition can be tiring, and support
        from the care team, patient organisations and others with PI can make a real
        difference.
        """
    ),
    reviewer_name="Helen Marsh",
    reviewer_credentials="RN, MSc, Clinical Nurse Specialist in Immunology",
    reviewed_on=date(2025, 11, 20),
    updated_on=date(2025, 12, 3),
    next_review_due=date(2026, 11, 20),
    sources=(
        Source(
            "Primary Immune Deficiency Diseases: Treatment - National Institute of Allergy and "
            "Infectious Diseases",
            "https://www.niaid.nih.gov/diseases-conditions/pidd-treatment",
        ),
        Source(
            "Immunoglobulin Replacement Therapy - Immune Deficiency Foundation",
            "https://primaryimmune.org/treatment-information/immunoglobulin-replacement-therapy",
        ),
        Source(
            "Immune System and Disorders - MedlinePlus",
            "https://medlineplus.gov/immunesystemanddisorders.html",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Type 1 Diabetes
# ---------------------------------------------------------------------------------------------

_T1D_CAUSES_SUMMARY = Summary(
    short_answer=(
        "Type 1 diabetes is an autoimmune condition: the immune system destroys the cells in "
        "the pancreas that make insulin, so the body can no longer control blood glucose "
        "without insulin treatment. It is thought to result from inherited susceptibility "
        "combined with triggers that are not yet fully understood. It is not caused by eating "
        "sugar or by lifestyle, and it can start at any age."
    ),
    body_markdown=_md(
        """
        Insulin is a hormone made by beta cells in the pancreas. It lets glucose move from the
        blood into the body's cells to be used for energy. In type 1 diabetes the immune system
        mistakenly attacks and destroys these beta cells, so over time the body makes little or
        no insulin and blood glucose rises. This is different from type 2 diabetes, where the
        body still makes insulin but cannot use it effectively or make enough of it.

        ### Genes and triggers

        Certain inherited gene variants, particularly in the HLA genes that help the immune
        system tell the body's own tissue from invaders, make type 1 diabetes more likely.
        Having a parent or sibling with the condition raises a person's risk, yet most people
        who are diagnosed have no close relative with it. Genes alone are not enough, and
        researchers are studying possible triggers such as certain viral infections. No single
        trigger has been proven.

        ### What does not cause it

        Type 1 diabetes is not caused by eating too much sugar, by being overweight or by
        anything a person or their parents did. It cannot currently be prevented through diet
        or exercise, and it is not contagious.

        ### It develops in stages

        The immune attack usually begins months or years before symptoms appear, and it can be
        detected by blood tests for diabetes-related autoantibodies. Screening of this kind is
        offered to some relatives of people with type 1 diabetes and in research studies. In
        the United States, a medicine called teplizumab is approved to delay the onset of
        symptomatic type 1 diabetes in some people aged 8 and over who are at high risk.

        ### Know the symptoms

        Common symptoms are feeling very thirsty, passing urine often, losing weight without
        trying and feeling very tired. They can develop over just a few weeks, especially in
        children. Anyone with these symptoms should see a doctor the same day, because untreated
        type 1 diabetes can lead to diabetic ketoacidosis (DKA), a medical emergency.
        """
    ),
    reviewer_name="Dr. Priya Raman",
    reviewer_credentials="MD, Endocrinology, Diabetes and Metabolism",
    reviewed_on=date(2025, 9, 12),
    updated_on=date(2025, 9, 15),
    next_review_due=date(2026, 9, 12),
    sources=(
        Source(
            "Type 1 Diabetes - National Institute of Diabetes and Digestive and Kidney Diseases",
            "https://www.niddk.nih.gov/health-information/diabetes/overview/what-is-diabetes/"
            "type-1-diabetes",
        ),
        Source(
            "About Type 1 Diabetes - Centers for Disease Control and Prevention",
            "https://www.cdc.gov/diabetes/about/about-type-1-diabetes.html",
        ),
        Source(
            "Type 1 diabetes - NHS",
            "https://www.nhs.uk/conditions/type-1-diabetes/",
        ),
    ),
)

_T1D_MANAGEMENT_SUMMARY = Summary(
    short_answer=(
        "Everyone with type 1 diabetes needs insulin, given by injections or an insulin pump, "
        "together with regular glucose checks using finger-prick tests or a continuous glucose "
        "monitor. Day-to-day management means matching insulin to food, activity and illness, "
        "ideally with support from a diabetes team and a structured education programme. "
        "Regular check-ups help prevent long-term complications."
    ),
    body_markdown=_md(
        """
        Because the body no longer makes enough insulin, it has to be replaced for life. The
        aim is to keep blood glucose as close to the target range as is safely possible,
        avoiding both high levels, which cause complications over time, and lows, which can be
        dangerous in the short term. Targets are set individually with the diabetes team.

        ### Insulin

        Most people use a combination of long-acting (basal) insulin to cover the body's
        background needs and rapid-acting (bolus) insulin with meals and to correct high
        readings. This can be given with pens as multiple daily injections, or with an insulin
        pump that delivers rapid-acting insulin continuously through a small tube or patch.

        ### Monitoring and technology

        Glucose can be checked with finger-prick tests or a continuous glucose monitor (CGM), a
        small sensor worn on the skin that reads glucose every few minutes and can sound alarms
        for highs and lows. Automated insulin delivery systems, sometimes called hybrid closed
        loop systems, link a pump and a CGM so that background insulin is adjusted
        automatically, although meals still need to be entered.

        ### Everyday life

        - **Food:** counting carbohydrates helps match mealtime insulin to what is eaten; no
          foods are strictly forbidden.
        - **Activity:** exercise usually lowers glucose, so insulin or food may need adjusting
          before, during and after.
        - **Illness:** "sick day rules" cover checking glucose and ketones more often and never
          stopping basal insulin.
        - **Wellbeing:** managing diabetes every day can be draining, and diabetes distress is
          common and worth talking about with the team.

        ### Long-term care

        Regular reviews usually include an HbA1c blood test, which reflects average glucose
        over about three months, blood pressure and cholesterol checks, and screening of the
        eyes, kidneys and feet. Structured education programmes, such as those run by many
        diabetes services, help people build the skills and confidence to adjust their own
        treatment.
        """
    ),
    reviewer_name="Grace Holloway",
    reviewer_credentials="RD, CDCES, Diabetes Care and Education Specialist",
    reviewed_on=date(2026, 1, 22),
    updated_on=date(2026, 1, 22),
    next_review_due=date(2027, 1, 22),
    sources=(
        Source(
            "Managing Diabetes - National Institute of Diabetes and Digestive and Kidney Diseases",
            "https://www.niddk.nih.gov/health-information/diabetes/overview/managing-diabetes",
        ),
        Source(
            "Type 1 diabetes: Living with - NHS",
            "https://www.nhs.uk/conditions/type-1-diabetes/",
        ),
        Source(
            "Standards of Care in Diabetes - American Diabetes Association",
            "https://diabetesjournals.org/care/issue/48/Supplement_1",
        ),
    ),
)

_T1D_HYPO_SUMMARY = Summary(
    short_answer=(
        "Hypoglycaemia, or a 'hypo', is when blood glucose drops too low, generally below "
        "70 mg/dL (3.9 mmol/L). It is usually treated by taking about 15 to 20 grams of "
        "fast-acting sugar, rechecking after 15 minutes and repeating if still low. A severe "
        "hypo, where someone cannot treat themselves, needs glucagon or emergency help."
    ),
    body_markdown=_md(
        """
        Hypoglycaemia happens when there is more insulin working in the body than it needs at
        that moment. Common reasons include taking too much insulin, delaying or missing a
        meal, eating fewer carbohydrates than planned, physical activity and drinking alcohol.
        Lows can also happen overnight, which is one reason many people find CGM alarms
        helpful.

        ### Recognising a hypo

        Early signs include shaking, sweating, a racing heart, hunger, tingling lips, anxiety
        or irritability. As glucose falls further, people may become confused, drowsy, unsteady
        or unable to concentrate, and in severe cases they can have a seizure or lose
        consciousness. Signs differ between people, so it helps for family and friends to know
        what to look for.

        ### Treating a hypo

        - Take 15 to 20 grams of fast-acting carbohydrate, such as glucose tablets, a small
          glass of juice or a regular (not diet) sugary drink.
        - Recheck after 15 minutes and repeat the treatment if glucose is still low.
        - Once glucose is back in range, have a snack or meal containing carbohydrate if the
          next meal is not due soon.

        ### Severe hypos

        If someone is too drowsy or confused to swallow safely, or is unconscious, do not give
        them food or drink. Give glucagon if it is available and you know how to use it (it
        comes as an injection or a nasal spray), place them in the recovery position and call
        emergency services. Anyone at risk of severe hypos should talk to their team about
        keeping glucagon at home.

        ### Hypo awareness

        After years with diabetes, or after frequent lows, some people stop feeling the usual
        warning signs. This is called impaired hypoglycaemia awareness and makes severe hypos
        more likely. Careful avoidance of lows for a few weeks can help some awareness return,
        and technology such as CGM alarms can add a safety net. Checking glucose before driving
        is essential, and local driving rules should be followed.
        """
    ),
    reviewer_name="Dr. Priya Raman",
    reviewer_credentials="MD, Endocrinology, Diabetes and Metabolism",
    reviewed_on=date(2025, 10, 8),
    updated_on=date(2025, 10, 14),
    next_review_due=date(2026, 10, 8),
    sources=(
        Source(
            "Low Blood Glucose (Hypoglycemia) - National Institute of Diabetes and Digestive "
            "and Kidney Diseases",
            "https://www.niddk.nih.gov/health-information/diabetes/overview/"
            "preventing-problems/low-blood-glucose-hypoglycemia",
        ),
        Source(
            "Low blood sugar (hypoglycaemia) - NHS",
            "https://www.nhs.uk/conditions/low-blood-sugar-hypoglycaemia/",
        ),
        Source(
            "Manage Blood Sugar - Centers for Disease Control and Prevention",
            "https://www.cdc.gov/diabetes/treatment/index.html",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Multiple Sclerosis
# ---------------------------------------------------------------------------------------------

_MS_SIGNS_SUMMARY = Summary(
    short_answer=(
        "Early signs of multiple sclerosis (MS) vary, but common first symptoms include blurred "
        "or painful vision in one eye, numbness or tingling, weakness, balance problems and "
        "unusual fatigue. Symptoms often come on over hours or days and last for more than a "
        "day before slowly improving. Each of these can have many other causes, so new or "
        "unexplained symptoms should be checked by a doctor."
    ),
    body_markdown=_md(
        """
        MS is a long-term condition in which the immune system damages myelin, the protective
        coating around nerve fibres in the brain, spinal cord and optic nerves. This disrupts
        the signals travelling along the nerves. Because damage can occur in many different
        places, early symptoms differ widely from one person to the next. MS is most often
        diagnosed between the ages of 20 and 50 and is two to three times more common in women
        than in men.

        ### Common first symptoms

        - **Vision problems:** blurred or dim vision in one eye, often with pain on moving the
          eye, caused by inflammation of the optic nerve (optic neuritis)
        - **Numbness or tingling:** in the face, body, arms or legs
        - **Weakness or stiffness:** in one or more limbs
        - **Balance and coordination problems:** dizziness or unsteadiness
        - **Fatigue:** overwhelming tiredness that is out of proportion to activity
        - **Bladder problems:** needing to pass urine urgently or often

        Some people notice a brief electric-shock feeling down the spine or limbs when they bend
        their neck forward, known as Lhermitte's sign.

        ### How symptoms behave

        In the most common form, relapsing-remitting MS, symptoms appear over hours or days,
        last at least 24 hours and then improve partly or fully over weeks. A first episode like
        this is sometimes called a clinically isolated syndrome, and not everyone who has one
        goes on to develop MS. Less often, symptoms build up slowly from the start without clear
        relapses.

        ### When to see a doctor

        Numbness, tingling, tiredness and blurred vision are common and usually have other
        explanations. Even so, it is worth seeing a GP or optician if symptoms are new, last
        more than a day or keep returning. Sudden weakness on one side of the body, facial
        drooping or difficulty speaking need emergency care, as they can be signs of a stroke.
        """
    ),
    reviewer_name="Dr. Jonas Lindqvist",
    reviewer_credentials="MD, PhD, Neurology",
    reviewed_on=date(2025, 6, 30),
    updated_on=date(2025, 7, 2),
    next_review_due=date(2026, 6, 30),
    sources=(
        Source(
            "Multiple sclerosis: Symptoms - NHS",
            "https://www.nhs.uk/conditions/multiple-sclerosis/symptoms/",
        ),
        Source(
            "Multiple Sclerosis - National Institute of Neurological Disorders and Stroke",
            "https://www.ninds.nih.gov/health-information/disorders/multiple-sclerosis",
        ),
        Source(
            "MS Signs and Symptoms - National Multiple Sclerosis Society",
            "https://www.nationalmssociety.org/understanding-ms/what-is-ms/ms-symptoms",
        ),
    ),
)

_MS_DIAGNOSIS_SUMMARY = Summary(
    short_answer=(
        "There is no single test for MS. A neurologist makes the diagnosis by combining the "
        "history and a neurological examination with MRI scans and sometimes a lumbar puncture, "
        "while ruling out conditions that can look similar. The key is showing damage in more "
        "than one part of the nervous system that has happened at different times."
    ),
    body_markdown=_md(
        """
        If a GP suspects MS, they will refer the person to a neurologist. Diagnosis relies on
        the McDonald criteria, an internationally agreed set of rules that is revised from time
        to time as evidence grows. In simple terms, the criteria look for evidence that damage
        has occurred in different areas of the brain, spinal cord or optic nerves
        (dissemination in space) and at different points in time (dissemination in time).

        ### Tests that are commonly used

        - **Neurological examination:** checks vision, strength, reflexes, sensation,
          coordination and balance.
        - **MRI scans** of the brain and spinal cord: show areas of damage called lesions. A
          contrast dye can reveal which lesions are recent and active.
        - **Lumbar puncture:** a sample of the fluid around the spinal cord is tested for
          oligoclonal bands, a sign of inflammation within the nervous system.
        - **Evoked potentials:** measure how quickly the nerves carry signals, for example from
          the eyes.
        - **Blood tests:** do not diagnose MS but help rule out other conditions, such as
          vitamin deficiencies, infections or other inflammatory diseases.

        ### Why it can take time

        Several other conditions can cause similar symptoms and similar-looking spots on an MRI
        scan, so careful exclusion is part of the process. Sometimes a diagnosis can be made
        after a first episode if the scans and tests are clear; in other cases the neurologist
        may need to repeat the MRI after some months to see whether new lesions have appeared.
        The waiting can be hard, and it is reasonable to ask the team what the next steps are
        and when to expect results.

        ### After diagnosis

        The neurologist will usually describe the type of MS, most often relapsing-remitting,
        and discuss treatment options. Many MS services have specialist nurses who can answer
        questions and help people adjust to the news.
        """
    ),
    reviewer_name="Dr. Jonas Lindqvist",
    reviewer_credentials="MD, PhD, Neurology",
    reviewed_on=date(2026, 3, 5),
    updated_on=date(2026, 3, 5),
    next_review_due=date(2027, 3, 5),
    sources=(
        Source(
            "Multiple sclerosis: Diagnosis - NHS",
            "https://www.nhs.uk/conditions/multiple-sclerosis/diagnosis/",
        ),
        Source(
            "Diagnosing MS - National Multiple Sclerosis Society",
            "https://www.nationalmssociety.org/understanding-ms/diagnosing-ms",
        ),
        Source(
            "Multiple Sclerosis - MedlinePlus",
            "https://medlineplus.gov/multiplesclerosis.html",
        ),
    ),
)

_MS_TREATMENT_SUMMARY = Summary(
    short_answer=(
        "There is no cure for MS yet, but disease-modifying therapies can reduce the number of "
        "relapses and slow the build-up of damage, especially in relapsing forms. Short courses "
        "of steroids can speed recovery from a relapse, and many treatments and therapies help "
        "with individual symptoms. The right plan is chosen with a neurologist, weighing "
        "benefits, risks and personal circumstances."
    ),
    body_markdown=_md(
        """
        MS treatment usually has three parts: disease-modifying therapy to reduce inflammation
        and relapses, treatment of relapses when they happen, and support for everyday symptoms.
        Treatment plans are personal and are reviewed over time.

        ### Disease-modifying therapies

        Disease-modifying therapies (DMTs) act on the immune system to reduce new inflammation
        in the brain and spinal cord. They lower the number and severity of relapses and slow
        the development of new lesions, but they do not repair existing damage. They come in
        several forms:

        - **Injections** given under the skin, such as interferon beta or glatiramer acetate
        - **Tablets or capsules**, such as dimethyl fumarate, teriflunomide, S1P receptor
          modulators or cladribine
        - **Infusions** given in hospital, such as natalizumab or ocrelizumab

        More effective treatments can carry more serious risks, so regular blood tests and
        scans are often needed. Ocrelizumab is also licensed for some people with early primary
        progressive MS. Starting a DMT early after diagnosis is generally recommended for
        relapsing MS, and pregnancy plans should be discussed before choosing a treatment.

        ### Treating relapses

        A relapse that significantly affects daily life may be treated with a short course of
        high-dose steroids, given as tablets or through a drip. Steroids can shorten a relapse
        but do not change the long-term course of MS. Mild relapses often improve without them.

        ### Managing symptoms and staying well

        Specific treatments can help with fatigue, muscle stiffness and spasms, bladder
        problems, nerve pain, low mood and memory difficulties. Physiotherapy, occupational
        therapy and regular exercise help maintain strength, balance and independence. Not
        smoking, staying active and looking after general health are also linked with better
        outcomes. In specialist centres, stem cell transplantation may be considered for a small
        number of people with highly active MS.
        """
    ),
    reviewer_name="Dr. Jonas Lindqvist",
    reviewer_credentials="MD, PhD, Neurology",
    reviewed_on=date(2025, 12, 11),
    updated_on=date(2026, 1, 9),
    next_review_due=date(2026, 12, 11),
    sources=(
        Source(
            "Multiple sclerosis: Treatment - NHS",
            "https://www.nhs.uk/conditions/multiple-sclerosis/treatment/",
        ),
        Source(
            "Disease-Modifying Therapies for MS - National Multiple Sclerosis Society",
            "https://www.nationalmssociety.org/managing-ms/treating-ms/disease-modifying-therapies",
        ),
        Source(
            "Multiple Sclerosis - National Institute of Neurological Disorders and Stroke",
            "https://www.ninds.nih.gov/health-information/disorders/multiple-sclerosis",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Crohn's Disease
# ---------------------------------------------------------------------------------------------

_CD_CAUSES_SUMMARY = Summary(
    short_answer=(
        "The exact cause of Crohn's disease is not known. It is thought to arise when the immune "
        "system reacts abnormally to bacteria in the gut in people who are genetically "
        "susceptible, with environmental factors such as smoking adding to the risk. Crohn's is "
        "not contagious, and it is not caused by stress or a particular diet, although both can "
        "affect symptoms."
    ),
    body_markdown=_md(
        """
        Crohn's disease is a type of inflammatory bowel disease (IBD) that causes long-term
        inflammation of the digestive tract. It can affect any part from the mouth to the anus,
        most often the end of the small intestine and the start of the large intestine. It can
        start at any age but is most often diagnosed in teenagers and young adults.

        ### Several factors working together

        Researchers believe Crohn's develops through a combination of factors rather than a
        single cause:

        - **Genes:** more than 200 gene regions have been linked to IBD, including variants in a
          gene called NOD2. Having a parent, brother or sister with Crohn's raises the risk,
          although most relatives of people with Crohn's never develop it.
        - **The immune system:** in Crohn's the immune response in the gut wall stays switched
          on, causing ongoing inflammation instead of settling down after a threat has passed.
        - **Gut microbes:** the mix of bacteria in the gut appears to be different in people
          with Crohn's, and the immune system may react to normally harmless bacteria.
        - **Environment:** smoking roughly doubles the risk and is linked with a more difficult
          course. Other factors being studied include diet patterns, some medicines and living
          in urban areas.

        ### Common misconceptions

        Crohn's is not caused by stress, by eating the wrong foods or by anything a person did.
        Stress and certain foods can make symptoms feel worse for some people, which is why they
        were once thought to be causes. Crohn's is not contagious and is different from irritable
        bowel syndrome (IBS), which does not cause inflammation or damage to the bowel.

        ### Why this matters

        Understanding that Crohn's has several causes helps explain why it looks so different
        from person to person and why treatment is tailored. The one risk factor people can
        change is smoking: stopping smoking is one of the most helpful steps for anyone with
        Crohn's who smokes.
        """
    ),
    reviewer_name="Dr. Elena Marchetti",
    reviewer_credentials="MD, Gastroenterology",
    reviewed_on=date(2025, 8, 19),
    updated_on=date(2025, 8, 19),
    next_review_due=date(2026, 8, 19),
    sources=(
        Source(
            "Symptoms & Causes of Crohn's Disease - National Institute of Diabetes and Digestive "
            "and Kidney Diseases",
            "https://www.niddk.nih.gov/health-information/digestive-diseases/crohns-disease/"
            "symptoms-causes",
        ),
        Source(
            "Crohn's disease: Causes - NHS",
            "https://www.nhs.uk/conditions/crohns-disease/causes/",
        ),
        Source(
            "Inflammatory Bowel Disease (IBD) Basics - Centers for Disease Control and Prevention",
            "https://www.cdc.gov/inflammatory-bowel-disease/about/index.html",
        ),
    ),
)

_CD_TREATMENT_SUMMARY = Summary(
    short_answer=(
        "Treatment for Crohn's disease aims to bring inflammation under control (remission) and "
        "keep it there. Options include steroids for short-term flares, immunosuppressant "
        "medicines, biologic and other targeted therapies, and sometimes special liquid diets. "
        "Many people also need surgery at some point, and the plan is tailored to where the "
        "disease is and how active it is."
    ),
    body_markdown=_md(
        """
        There is currently no cure for Crohn's disease, but treatment can control symptoms,
        heal inflammation in the bowel and reduce the risk of complications such as strictures
        (narrowing) or fistulas (abnormal connections between organs). The choice depends on
        which part of the gut is affected, how active the disease is and how a person has
        responded to earlier treatment.

        ### Medicines

        - **Steroids** such as prednisolone or budesonide can calm a flare quickly but are not
          suitable for long-term use because of their side effects.
        - **Immunomodulators** such as azathioprine, mercaptopurine or methotrexate help keep
          Crohn's in remission. They take a few months to work and need regular blood tests.
        - **Biologics** target specific parts of the immune response. Examples include anti-TNF
          medicines (infliximab, adalimumab), vedolizumab, and medicines that block IL-12 and
          IL-23 or IL-23 alone (such as ustekinumab and risankizumab). They are given by
          infusion or injection.
        - **Small-molecule drugs** such as upadacitinib are taken as tablets and are used for
          some people with moderate to severe disease.

        Because many of these treatments affect the immune system, teams usually check
        vaccinations and screen for infections such as tuberculosis before starting them.

        ### Nutrition-based treatment

        Exclusive enteral nutrition, where a nutritionally complete liquid formula replaces all
        food for several weeks, is a first-line treatment for many children with Crohn's and
        is sometimes used in adults.

        ### Surgery

        Surgery may be needed when medicines do not control the disease or when complications
        develop. Common operations remove a damaged section of bowel or widen a stricture.
        Surgery is not a cure, because Crohn's can return elsewhere, but it can greatly improve
        quality of life and is often followed by medicine to keep the disease quiet.

        ### Working with the IBD team

        Regular reviews, blood and stool tests, and sometimes scans or endoscopy help the team
        check whether treatment is working. Stopping smoking improves outcomes, and IBD nurses
        can be a valuable point of contact between appointments.
        """
    ),
    reviewer_name="Dr. Elena Marchetti",
    reviewer_credentials="MD, Gastroenterology",
    reviewed_on=date(2026, 2, 3),
    updated_on=date(2026, 2, 10),
    next_review_due=date(2027, 2, 3),
    sources=(
        Source(
            "Treatment for Crohn's Disease - National Institute of Diabetes and Digestive and "
            "Kidney Diseases",
            "https://www.niddk.nih.gov/health-information/digestive-diseases/crohns-disease/"
            "treatment",
        ),
        Source(
            "Crohn's disease: Treatment - NHS",
            "https://www.nhs.uk/conditions/crohns-disease/treatment/",
        ),
        Source(
            "Crohn's Disease Treatment Options - Crohn's & Colitis Foundation",
            "https://www.crohnscolitisfoundation.org/patientsandcaregivers/what-is-crohns-disease/"
            "treatment",
        ),
    ),
)

_CD_DIET_SUMMARY = Summary(
    short_answer=(
        "No diet has been shown to cause or cure Crohn's disease, but food choices can help "
        "manage symptoms and are important for staying well nourished. What helps varies "
        "between people, so it is best to work with a dietitian rather than cutting out whole "
        "food groups. In some situations, such as narrowing of the bowel or in children, specific "
        "dietary treatments are recommended by the care team."
    ),
    body_markdown=_md(
        """
        Many people with Crohn's notice that certain foods make symptoms like pain, bloating or
        diarrhoea worse, especially during a flare. These triggers differ widely from person to
        person, and avoiding a food that makes symptoms worse does not usually change the
        underlying inflammation. Diet is one part of care alongside medical treatment, not a
        replacement for it.

        ### Staying well nourished

        Crohn's can make it harder to get enough nutrients because of reduced appetite, poor
        absorption or loss of blood. People with Crohn's in the last part of the small intestine
        may not absorb enough vitamin B12, and iron, vitamin D and calcium can also be low.
        Teams often check these levels and may recommend supplements. Unplanned weight loss
        should always be mentioned to the care team.

        ### Practical tips many people find helpful

        - keep a food and symptom diary to spot personal patterns
        - eat smaller meals more often during a flare
        - drink enough fluids, particularly when diarrhoea is a problem
        - reintroduce foods gradually after a flare rather than keeping the diet restricted

        ### When specific diets are advised

        People with a stricture may be advised to follow a low-fibre (low-residue) diet to
        reduce the risk of a blockage. For children, exclusive enteral nutrition, a complete
        liquid formula taken instead of food for several weeks, is an established treatment to
        calm active Crohn's. Other approaches, such as the Crohn's Disease Exclusion Diet, are
        being studied and should be followed only with specialist support.

        ### Be cautious with restrictive diets

        Very restrictive diets promoted online can lead to malnutrition without proven benefit.
        A dietitian who specialises in IBD can help build an eating plan that controls symptoms
        and still meets nutritional needs.
        """
    ),
    reviewer_name="Nadia Farouk",
    reviewer_credentials="RD, Specialist Gastroenterology Dietitian",
    reviewed_on=date(2025, 5, 27),
    updated_on=date(2025, 6, 4),
    next_review_due=date(2026, 5, 27),
    sources=(
        Source(
            "Eating, Diet, & Nutrition for Crohn's Disease - National Institute of Diabetes and "
            "Digestive and Kidney Diseases",
            "https://www.niddk.nih.gov/health-information/digestive-diseases/crohns-disease/"
            "eating-diet-nutrition",
        ),
        Source(
            "Food - Crohn's & Colitis UK",
            "https://crohnsandcolitis.org.uk/info-support/information-about-crohns-and-colitis/"
            "all-information-about-crohns-and-colitis/living-with-crohns-or-colitis/food",
        ),
        Source(
            "Crohn's disease: Living with - NHS",
            "https://www.nhs.uk/conditions/crohns-disease/",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Endometriosis
# ---------------------------------------------------------------------------------------------

_ENDO_SYMPTOMS_SUMMARY = Summary(
    short_answer=(
        "Endometriosis is a long-term condition in which tissue similar to the lining of the "
        "womb grows outside it, commonly around the ovaries, fallopian tubes and pelvis. The "
        "main symptom is pelvic pain, often severe period pain that affects daily life, and it "
        "can also cause pain during sex, painful bowel movements or urination, fatigue and "
        "difficulty getting pregnant. How severe the symptoms are does not always match how much "
        "endometriosis is present."
    ),
    body_markdown=_md(
        """
        Endometriosis affects roughly one in ten women and girls of reproductive age worldwide,
        as well as some other people assigned female at birth. The tissue responds to the
        menstrual cycle, which causes inflammation, pain and sometimes scar tissue (adhesions)
        that can stick organs together. Cysts on the ovaries, known as endometriomas, can also
        form.

        ### Common symptoms

        - period pain that stops you doing normal activities or is not helped by usual
          painkillers
        - pelvic pain that may continue between periods
        - deep pain during or after sex
        - pain when opening the bowels or passing urine, especially during a period
        - feeling very tired, and sometimes feeling sick, constipated or having diarrhoea
        - difficulty getting pregnant

        ### Symptoms vary widely

        Some people with extensive endometriosis have few symptoms, while others with small
        amounts experience severe pain. Symptoms can also overlap with other conditions, such as
        irritable bowel syndrome, which is one reason diagnosis is often delayed. Pain can have
        a major effect on work, education, relationships and mental health.

        ### What causes it?

        The cause is not fully understood. Theories include menstrual blood flowing backwards
        through the fallopian tubes into the pelvis, differences in the immune system, and
        genetic factors, as endometriosis is more common when a close relative has it. It is not
        caused by anything a person has done and is not an infection.

        ### When to seek help

        Period pain that regularly interferes with daily life is not something you have to put
        up with. Keeping a diary of pain and other symptoms across your cycle can help your
        doctor understand the pattern and decide on next steps.
        """
    ),
    reviewer_name="Dr. Ines Carvalho",
    reviewer_credentials="MD, Obstetrics and Gynaecology",
    reviewed_on=date(2025, 11, 4),
    updated_on=date(2025, 11, 4),
    next_review_due=date(2026, 11, 4),
    sources=(
        Source(
            "Endometriosis - World Health Organization fact sheet",
            "https://www.who.int/news-room/fact-sheets/detail/endometriosis",
        ),
        Source(
            "Endometriosis: Symptoms - NHS",
            "https://www.nhs.uk/conditions/endometriosis/symptoms/",
        ),
        Source(
            "Endometriosis - American College of Obstetricians and Gynecologists",
            "https://www.acog.org/womens-health/faqs/endometriosis",
        ),
    ),
)

_ENDO_DIAGNOSIS_SUMMARY = Summary(
    short_answer=(
        "Endometriosis is diagnosed using a combination of symptoms, a pelvic examination and "
        "imaging such as transvaginal ultrasound or MRI, which can show some forms of the "
        "disease. A normal scan does not rule it out. Laparoscopy, a keyhole operation to look "
        "inside the pelvis, can confirm the diagnosis and is often offered when imaging is "
        "normal but symptoms continue."
    ),
    body_markdown=_md(
        """
        It often takes years to receive a diagnosis of endometriosis, partly because symptoms
        overlap with other conditions and partly because period pain is still sometimes
        dismissed as normal. Recent guidelines encourage doctors to consider endometriosis early
        and to start treating symptoms without waiting for a definite diagnosis.

        ### First steps

        A doctor will ask about pain, periods, bowel and bladder symptoms and fertility, and
        may offer an abdominal or pelvic examination. A symptom diary covering a few cycles can
        be very useful. An examination can be normal even when endometriosis is present.

        ### Imaging

        Transvaginal ultrasound is usually the first scan. In experienced hands it can detect
        ovarian cysts caused by endometriosis (endometriomas) and deeper disease affecting the
        bowel or bladder. MRI may be used to map deep endometriosis, especially before surgery.
        Small, superficial patches on the lining of the pelvis are often not visible on any
        scan, so a normal result does not mean that endometriosis has been ruled out.

        ### Laparoscopy

        During a laparoscopy a surgeon inserts a thin camera through a small cut near the navel
        to look inside the pelvis, usually under general anaesthetic. Tissue samples can be
        taken to confirm the diagnosis, and endometriosis may be removed during the same
        operation. Laparoscopy is generally considered when scans are normal but symptoms
        persist despite treatment, or when surgery is planned anyway.

        ### Getting the right referral

        If symptoms are severe, persistent or keep coming back, or if deep endometriosis is
        suspected, a referral to a gynaecologist, or to a specialist endometriosis centre for
        complex disease, is recommended.
        """
    ),
    reviewer_name="Dr. Ines Carvalho",
    reviewer_credentials="MD, Obstetrics and Gynaecology",
    reviewed_on=date(2026, 1, 13),
    updated_on=date(2026, 1, 20),
    next_review_due=date(2027, 1, 13),
    sources=(
        Source(
            "Endometriosis: diagnosis and management (NG73) - National Institute for Health "
            "and Care Excellence",
            "https://www.nice.org.uk/guidance/ng73",
        ),
        Source(
            "Endometriosis guideline - European Society of Human Reproduction and Embryology",
            "https://www.eshre.eu/Guidelines-and-Legal/Guidelines/Endometriosis-guideline",
        ),
        Source(
            "Endometriosis: Diagnosis - NHS",
            "https://www.nhs.uk/conditions/endometriosis/diagnosis/",
        ),
    ),
)

_ENDO_TREATMENT_SUMMARY = Summary(
    short_answer=(
        "There is no cure for endometriosis, but several treatments can ease pain and improve "
        "quality of life. Options include pain relief, hormonal treatments that reduce or stop "
        "periods, and surgery to remove patches of endometriosis. The best choice depends on "
        "symptoms, personal preferences and whether someone is trying to get pregnant."
    ),
    body_markdown=_md(
        """
        Treatment for endometriosis aims to reduce pain, slow the growth of endometriosis
        tissue, protect fertility where that matters, and help people live well day to day.
        Many people try more than one approach before finding what works for them.

        ### Pain relief

        Anti-inflammatory painkillers such as ibuprofen or naproxen, sometimes combined with
        paracetamol, are often the first step. If these are not enough, a doctor can discuss
        other options, including medicines for nerve-related pain.

        ### Hormonal treatments

        Hormonal treatments reduce or stop periods, which can ease pain. They include the
        combined contraceptive pill, progestogen-only medicines, and a hormonal intrauterine
        device (coil). For more severe symptoms, GnRH agonists or antagonists lower oestrogen
        levels and are usually combined with "add-back" hormone therapy to protect bone health.
        Hormonal treatments do not remove endometriosis and act as contraception, so they are
        not suitable while trying to conceive.

        ### Surgery

        Laparoscopic (keyhole) surgery can remove or destroy patches of endometriosis and
        cysts, and can improve pain and, in some cases, the chance of pregnancy. Endometriosis
        can come back after surgery, and hormonal treatment afterwards may reduce this risk. A
        hysterectomy may be considered for some people who have completed their families, but it
        is a major decision and does not guarantee that pain will go away.

        ### Fertility and wider support

        Many people with endometriosis conceive naturally, and fertility treatments such as IVF
        are available for those who need them. Pelvic floor physiotherapy, pain management
        services, heat, exercise and psychological support can all help. Specialist
        endometriosis centres bring these services together for complex cases.
        """
    ),
    reviewer_name="Dr. Ines Carvalho",
    reviewer_credentials="MD, Obstetrics and Gynaecology",
    reviewed_on=date(2025, 7, 21),
    updated_on=date(2025, 7, 28),
    next_review_due=date(2026, 7, 21),
    sources=(
        Source(
            "Endometriosis: Treatment - NHS",
            "https://www.nhs.uk/conditions/endometriosis/treatment/",
        ),
        Source(
            "Endometriosis - World Health Organization fact sheet",
            "https://www.who.int/news-room/fact-sheets/detail/endometriosis",
        ),
        Source(
            "Endometriosis - American College of Obstetricians and Gynecologists",
            "https://www.acog.org/womens-health/faqs/endometriosis",
        ),
    ),
)


CONDITIONS: tuple[Condition, ...] = (
    Condition(
        slug=_PI,
        synonyms=("PI", "PID", "inborn errors of immunity", "primary immune deficiency"),
        name="Primary Immunodeficiency",
        about_markdown=_md(
            """
            Primary immunodeficiency (PI), also known as inborn errors of immunity, is a group
            of more than 450 rare, mostly inherited conditions in which part of the immune
            system is missing or does not work properly. People with PI tend to get infections
            more often, for longer or more severely than others, and some also have autoimmune
            or inflammatory problems.

            This community brings together people living with PI, their families and the
            professionals who support them.
            """
        ),
        questions=(
            Question(
                slug=_PI_CAUSES,
                title="What are the primary causes of Primary Immunodeficiency?",
                summary=_PI_CAUSES_SUMMARY,
            ),
            Question(
                slug=_PI_DIAGNOSIS,
                title="How is Primary Immunodeficiency diagnosed?",
                summary=_PI_DIAGNOSIS_SUMMARY,
            ),
            Question(
                slug=_PI_TREATMENT,
                title="How is Primary Immunodeficiency treated, and what is immunoglobulin "
                "replacement therapy like?",
                summary=_PI_TREATMENT_SUMMARY,
            ),
        ),
    ),
    Condition(
        slug=_T1D,
        synonyms=(
            "T1D",
            "type 1 diabetes mellitus",
            "juvenile diabetes",
            "insulin-dependent diabetes",
        ),
        name="Type 1 Diabetes",
        about_markdown=_md(
            """
            Type 1 diabetes is an autoimmune condition in which the pancreas stops making
            insulin, the hormone that controls blood glucose. It can start at any age and is
            managed for life with insulin and glucose monitoring.

            Here, people with type 1 diabetes and their families share what daily life with it
            is really like.
            """
        ),
        questions=(
            Question(
                slug=_T1D_CAUSES,
                title="What causes Type 1 Diabetes?",
                summary=_T1D_CAUSES_SUMMARY,
            ),
            Question(
                slug=_T1D_MANAGEMENT,
                title="How is Type 1 Diabetes managed day to day?",
                summary=_T1D_MANAGEMENT_SUMMARY,
            ),
            Question(
                slug=_T1D_HYPO,
                title="What is hypoglycaemia, and how is a hypo treated?",
                summary=_T1D_HYPO_SUMMARY,
            ),
        ),
    ),
    Condition(
        slug=_MS,
        synonyms=("MS",),
        name="Multiple Sclerosis",
        about_markdown=_md(
            """
            Multiple sclerosis (MS) is a long-term condition in which the immune system damages
            the protective coating of nerves in the brain and spinal cord. It can affect
            vision, movement, sensation, balance and energy, and it varies greatly from person
            to person.

            This community is for people with MS, those who care for them and the
            professionals who work with them.
            """
        ),
        questions=(
            Question(
                slug=_MS_SIGNS,
                title="What are the early signs of Multiple Sclerosis?",
                summary=_MS_SIGNS_SUMMARY,
            ),
            Question(
                slug=_MS_DIAGNOSIS,
                title="How is Multiple Sclerosis diagnosed?",
                summary=_MS_DIAGNOSIS_SUMMARY,
            ),
            Question(
                slug=_MS_TREATMENT,
                title="What treatments are available for Multiple Sclerosis?",
                summary=_MS_TREATMENT_SUMMARY,
            ),
        ),
    ),
    Condition(
        slug=_CD,
        synonyms=("Crohn's", "Crohn disease", "IBD", "inflammatory bowel disease"),
        name="Crohn's Disease",
        about_markdown=_md(
            """
            Crohn's disease is a lifelong form of inflammatory bowel disease that causes
            inflammation anywhere in the digestive tract. It typically comes and goes in flares,
            with symptoms such as abdominal pain, diarrhoea, tiredness and weight loss.

            Members here share practical experience of treatments, food, work and family life
            with Crohn's.
            """
        ),
        questions=(
            Question(
                slug=_CD_CAUSES,
                title="What causes Crohn's Disease?",
                summary=_CD_CAUSES_SUMMARY,
            ),
            Question(
                slug=_CD_TREATMENT,
                title="How is Crohn's Disease treated?",
                summary=_CD_TREATMENT_SUMMARY,
            ),
            Question(
                slug=_CD_DIET,
                title="Can diet help with Crohn's Disease?",
                summary=_CD_DIET_SUMMARY,
            ),
        ),
    ),
    Condition(
        slug=_ENDO,
        synonyms=("endo",),
        name="Endometriosis",
        about_markdown=_md(
            """
            Endometriosis is a common long-term condition in which tissue similar to the lining
            of the womb grows elsewhere, usually in the pelvis. It can cause severe pain,
            fatigue and fertility problems, and it often takes years to be diagnosed.

            This is a place for people with endometriosis and those close to them to compare
            notes and support each other.
            """
        ),
        questions=(
            Question(
                slug=_ENDO_SYMPTOMS,
                title="What are the symptoms of Endometriosis?",
                summary=_ENDO_SYMPTOMS_SUMMARY,
            ),
            Question(
                slug=_ENDO_DIAGNOSIS,
                title="How is Endometriosis diagnosed?",
                summary=_ENDO_DIAGNOSIS_SUMMARY,
            ),
            Question(
                slug=_ENDO_TREATMENT,
                title="What treatments help with Endometriosis?",
                summary=_ENDO_TREATMENT_SUMMARY,
            ),
        ),
    ),
)


MEMBERS: tuple[Member, ...] = (
    Member("marisol_k", ((_PI, "patient"),)),
    Member("quietfern", ((_PI, "caregiver"), (_T1D, "patient"))),
    Member("birchlight", ((_PI, "patient"), (_CD, "patient"))),
    Member("dr_halden", ((_PI, "professional"),)),
    Member("genewatcher", ((_PI, "researcher"), (_MS, "researcher"), (_T1D, "researcher"))),
    Member("sunny_side_up", ((_PI, "caregiver"),)),
    Member("pip_and_oak", ((_PI, "patient"),)),
    Member("northwind88", ((_PI, "patient"),)),
    Member("thistle_and_tea", ((_PI, "patient"), (_MS, "patient"))),
    Member("wellness_shortcut", ((_PI, "patient"), (_MS, "patient"))),
    Member("immuno_boost_now", ((_PI, "patient"),)),
    Member("sugarwise", ((_T1D, "patient"),)),
    Member("pumpandrun", ((_T1D, "patient"),)),
    Member("loopdad", ((_T1D, "caregiver"),)),
    Member("cde_nurse_jo", ((_T1D, "professional"),)),
    Member("ember-mae", ((_T1D, "patient"), (_ENDO, "patient"))),
    Member("miraclemix_42", ((_T1D, "patient"), (_CD, "patient"))),
    Member("mossgarden", ((_MS, "patient"),)),
    Member("wrenfield", ((_MS, "caregiver"),)),
    Member("neuro_pa_sam", ((_MS, "professional"),)),
    Member("heron_blue", ((_MS, "patient"), (_ENDO, "patient"))),
    Member("slowtrail", ((_MS, "patient"),)),
    Member("gutfeeling", ((_CD, "patient"),)),
    Member("flare_and_fair", ((_CD, "patient"),)),
    Member("bramble_mom", ((_CD, "caregiver"),)),
    Member("ibd_dietitian_k", ((_CD, "professional"),)),
    Member("kettle_and_quilt", ((_CD, "patient"),)),
    Member("cinder_fox", ((_CD, "patient"), (_ENDO, "patient"))),
    Member("lotus_ache", ((_ENDO, "patient"),)),
    Member("saltmarsh", ((_ENDO, "patient"),)),
    Member("partner_in_pain", ((_ENDO, "caregiver"),)),
    Member("gyn_researcher_li", ((_ENDO, "researcher"),)),
    Member("herbal_hacks", ((_ENDO, "patient"),)),
)


# ---------------------------------------------------------------------------------------------
# Stories. The longest thread (on the PI causes question) is built from the innermost reply
# outwards so that it stays readable.
# ---------------------------------------------------------------------------------------------

_PI_CAUSES_DEEP_7 = Story(
    _PI,
    _PI_CAUSES,
    "marisol_k",
    "Asking for a copy of the report is a great tip, thank you. It is lovely to have people "
    "here who understand why these questions matter so much.",
    "approved",
)
_PI_CAUSES_DEEP_6 = Story(
    _PI,
    _PI_CAUSES,
    "sunny_side_up",
    "Writing questions down saved us when our son was going through testing. I also asked for "
    "a copy of the genetic report so I could read it slowly at home afterwards.",
    "approved",
    (_PI_CAUSES_DEEP_7,),
)
_PI_CAUSES_DEEP_5 = Story(
    _PI,
    _PI_CAUSES,
    "dr_halden",
    "That sounds like a good plan. I'd suggest writing your questions down beforehand, "
    "including what a result might mean for any relatives, so nothing gets lost in a short "
    "appointment.",
    "approved",
    (_PI_CAUSES_DEEP_6,),
)
_PI_CAUSES_DEEP_4 = Story(
    _PI,
    _PI_CAUSES,
    "marisol_k",
    "I didn't know a negative result could still leave that door open. I'll bring it up at my "
    "next clinic visit instead of assuming it's pointless.",
    "approved",
    (_PI_CAUSES_DEEP_5,),
)
_PI_CAUSES_DEEP_3 = Story(
    _PI,
    _PI_CAUSES,
    "genewatcher",
    "Speaking as someone who works in immunogenetics research: sometimes, yes. Whole exome "
    "sequencing can find an explanation for some people whose earlier gene panels came back "
    "negative, and a precise answer occasionally changes treatment. It's worth discussing with "
    "your immunologist or a genetic counsellor, because a negative result doesn't mean the "
    "condition isn't genetic.",
    "approved",
    (_PI_CAUSES_DEEP_4,),
)
_PI_CAUSES_DEEP_2 = Story(
    _PI,
    _PI_CAUSES,
    "marisol_k",
    "That's reassuring to hear from the other side of the desk. Is genetic testing still worth "
    'it if the answer might be "we don\'t know"?',
    "approved",
    (_PI_CAUSES_DEEP_3,),
)
_PI_CAUSES_DEEP_1 = Story(
    _PI,
    _PI_CAUSES,
    "dr_halden",
    "Thank you for putting this so clearly. As a clinician I hear that question about blame a "
    "lot. CVID is a good example of a type where a single gene change is found in only a "
    'minority of people, which can leave the "why" feeling frustratingly open.',
    "approved",
    (_PI_CAUSES_DEEP_2,),
)

_PI_CAUSES_STORIES = (
    Story(
        _PI,
        _PI_CAUSES,
        "marisol_k",
        "I was diagnosed with common variable immunodeficiency (CVID) in my thirties, after "
        "years of sinus infections that everyone put down to bad luck. Nobody else in my family "
        "has anything similar, so I kept asking what I had done wrong. My immunologist "
        "explained that this is something you are born with, not something you cause, and that "
        "took a real weight off my shoulders.",
        "approved",
        (
            _PI_CAUSES_DEEP_1,
            Story(
                _PI,
                _PI_CAUSES,
                "pip_and_oak",
                "Same here: no family history for me either, and I spent years wondering if it "
                "was something I ate. Reading that the environment doesn't cause it is a "
                "relief.",
                "pending",
            ),
        ),
    ),
    Story(
        _PI,
        _PI_CAUSES,
        "quietfern",
        "Our son was diagnosed with X-linked agammaglobulinaemia as a toddler, after two "
        "hospital stays with pneumonia. When the genetic results showed that I carry the gene "
        "change, I felt an awful wave of guilt. Talking it through with a genetic counsellor "
        "helped me see that carrying a gene is not a choice anyone makes, and it meant other "
        "relatives could decide for themselves whether to be tested.",
        "approved",
        (
            Story(
                _PI,
                _PI_CAUSES,
                "sunny_side_up",
                "The guilt is so real. I'm a mum of a child with PI too, and it took me a long "
                "time to stop replaying every decision. Thank you for saying it out loud.",
                "approved",
                (
                    Story(
                        _PI,
                        _PI_CAUSES,
                        "quietfern",
                        "It helps to know I'm not the only one. Some days are still hard, but "
                        "seeing him thrive on his weekly infusions makes the science feel less "
                        "scary.",
                        "approved",
                        (
                            Story(
                                _PI,
                                _PI_CAUSES,
                                "birchlight",
                                "As an adult who grew up with PI, I can say my parents' worry "
                                "never felt like blame to me. What I remember is that they "
                                "learned everything they could and helped me do the same.",
                                "approved",
                                (
                                    Story(
                                        _PI,
                                        _PI_CAUSES,
                                        "quietfern",
                                        "That made me tear up a little. Thank you for giving "
                                        "me a glimpse of how it might look from his side one "
                                        "day.",
                                        "approved",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            Story(
                _PI,
                _PI_CAUSES,
                "wellness_shortcut",
                "Genes are only part of the story! I fixed my immune system with my special "
                "mushroom blend and you can too. Message me for a discount.",
                "removed",
            ),
        ),
    ),
    Story(
        _PI,
        _PI_CAUSES,
        "birchlight",
        "My type is thought to be autosomal recessive, which surprised my parents because "
        "neither of them has ever been unwell. Learning that they were both healthy carriers "
        "helped all of us understand why it showed up in me.",
        "pending",
    ),
    Story(
        _PI,
        _PI_CAUSES,
        "wellness_shortcut",
        "Primary immunodeficiency is really caused by toxins and processed food, not genes. "
        "Doctors won't tell you that a simple cleanse can reset your immune system in a few "
        "weeks.",
        "rejected",
    ),
    Story(
        _PI,
        _PI_CAUSES,
        "immuno_boost_now",
        "Anyone who wants to fix the root cause should try my immunity drops, they reversed my "
        "PI completely. Send me a message and I'll post you a starter pack.",
        "removed",
    ),
)

_PI_DIAGNOSIS_STORIES = (
    Story(
        _PI,
        _PI_DIAGNOSIS,
        "northwind88",
        "It took nearly ten years and four pneumonias before anyone checked my antibody levels. "
        "Once an immunologist saw my low IgG and my weak response to a test vaccine, everything "
        "finally made sense. If your infections keep coming back, it's worth asking whether an "
        "immune work-up is appropriate.",
        "approved",
        (
            Story(
                _PI,
                _PI_DIAGNOSIS,
                "dr_halden",
                "Thank you for sharing this, because delays like yours are sadly common. A "
                "simple log of infections, antibiotic courses and hospital visits can really "
                "help a GP see the pattern and refer on.",
                "approved",
                (
                    Story(
                        _PI,
                        _PI_DIAGNOSIS,
                        "northwind88",
                        "I wish I had known that earlier. I now keep a notes page with every "
                        "course of antibiotics, and my immunologist says it makes our reviews "
                        "much quicker.",
                        "approved",
                        (
                            Story(
                                _PI,
                                _PI_DIAGNOSIS,
                                "thistle_and_tea",
                                "Stealing this idea. I've been trying to remember dates from "
                                "memory at every appointment and it never works.",
                                "approved",
                                (
                                    Story(
                                        _PI,
                                        _PI_DIAGNOSIS,
                                        "northwind88",
                                        "I was exactly the same before I started the log. Good "
                                        "luck with your appointments, I hope you get answers "
                                        "soon.",
                                        "approved",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _PI,
        _PI_DIAGNOSIS,
        "sunny_side_up",
        "Our son was flagged by the newborn heel-prick screening for SCID before he had a single "
        "infection. Those first weeks in hospital were frightening, but catching it early meant "
        "he could have a stem cell transplant while he was still well.",
        "approved",
        (
            Story(
                _PI,
                _PI_DIAGNOSIS,
                "quietfern",
                "I'm so glad the screening worked the way it's meant to. The heel-prick test "
                "couldn't pick up our son's type of PI, so reading this gives me real hope for "
                "families whose children it can catch.",
                "approved",
            ),
        ),
    ),
    Story(
        _PI,
        _PI_DIAGNOSIS,
        "thistle_and_tea",
        "I'm still in the middle of testing and waiting for my lymphocyte results. It helps to "
        "read how other people got through the waiting.",
        "pending",
    ),
)

_PI_TREATMENT_STORIES = (
    Story(
        _PI,
        _PI_TREATMENT,
        "pip_and_oak",
        "I switched from hospital IVIG every four weeks to subcutaneous infusions at home once "
        "a week. It took a few sessions with the nurse to feel confident with the needles, but "
        "now it fits around my work and I no longer lose a whole day. The swelling at the "
        "infusion sites is usually gone by the next morning.",
        "approved",
        (
            Story(
                _PI,
                _PI_TREATMENT,
                "marisol_k",
                "How did you decide between weekly infusions and the less frequent option? I'm "
                "on IVIG and thinking about asking to switch.",
                "approved",
                (
                    Story(
                        _PI,
                        _PI_TREATMENT,
                        "pip_and_oak",
                        "I talked it over with my immunology nurse, who walked me through both. "
                        "Smaller weekly infusions suited me because I used to feel worn out "
                        "towards the end of each IVIG cycle, but everyone's situation is "
                        "different.",
                        "approved",
                        (
                            Story(
                                _PI,
                                _PI_TREATMENT,
                                "birchlight",
                                "I noticed the same end-of-cycle tiredness on IVIG. My team "
                                "said it can happen as levels dip before the next dose, and the "
                                "steadier levels on subcutaneous therapy helped me too.",
                                "approved",
                                (
                                    Story(
                                        _PI,
                                        _PI_TREATMENT,
                                        "pip_and_oak",
                                        "That matches what I was told. I hope the "
                                        "conversation with your team goes well!",
                                        "approved",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _PI,
        _PI_TREATMENT,
        "birchlight",
        "I still get headaches after IVIG if I'm not careful. Drinking plenty of water the day "
        "before and asking for a slower infusion rate made a big difference for me, but I "
        "always check changes with my team first.",
        "approved",
        (
            Story(
                _PI,
                _PI_TREATMENT,
                "dr_halden",
                "Good advice, and thank you for stressing that changes go through the team. "
                "Headaches are one of the more common side effects, and a severe headache, stiff "
                "neck or chest symptoms after an infusion should always be reported promptly.",
                "approved",
            ),
        ),
    ),
    Story(
        _PI,
        _PI_TREATMENT,
        "wellness_shortcut",
        "You don't need lifelong infusions. My protocol of supplements and cold showers "
        "replaced my treatment and I haven't looked back.",
        "hidden",
    ),
)

_T1D_STORIES = (
    Story(
        _T1D,
        _T1D_CAUSES,
        "sugarwise",
        "I was diagnosed at 24 after ending up in hospital with DKA, and I honestly thought type "
        "1 only started in childhood. What surprised me most was learning that my own immune "
        "system had attacked my insulin-making cells, and that it had nothing to do with what I "
        "ate. I wish more people knew adults get it too.",
        "approved",
        (
            Story(
                _T1D,
                _T1D_CAUSES,
                "cde_nurse_jo",
                "Thank you for sharing this. Plenty of people are diagnosed as adults, and it is "
                "sometimes mistaken for type 2 at first. Thirst, needing the toilet a lot, "
                "weight loss and tiredness are always worth getting checked quickly.",
                "approved",
                (
                    Story(
                        _T1D,
                        _T1D_CAUSES,
                        "sugarwise",
                        "That was exactly my story: I was first told it was probably type 2. It "
                        "was an antibody blood test that confirmed type 1.",
                        "approved",
                        (
                            Story(
                                _T1D,
                                _T1D_CAUSES,
                                "pumpandrun",
                                "Same here, I was treated as type 2 for about a year before "
                                "the antibody test. Finding other people diagnosed as adults "
                                "has made me feel far less alone.",
                                "approved",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _T1D,
        _T1D_CAUSES,
        "loopdad",
        "When our daughter was diagnosed, the first thing I asked was whether we had let her eat "
        "too many sweets. The diabetes team explained that it's an autoimmune condition and "
        "nothing we did caused it. Hearing that early helped us focus on learning instead of "
        "blaming ourselves.",
        "approved",
        (
            Story(
                _T1D,
                _T1D_CAUSES,
                "quietfern",
                "Living with type 1 myself, I'm so glad your team said that straight away. Some "
                "of the comments I've had from strangers over the years were much less kind.",
                "approved",
            ),
        ),
    ),
    Story(
        _T1D,
        _T1D_CAUSES,
        "miraclemix_42",
        "Type 1 is caused by a toxic gut and can be reversed with my cinnamon and vinegar mix. "
        "I stopped my insulin and feel amazing.",
        "rejected",
    ),
    Story(
        _T1D,
        _T1D_MANAGEMENT,
        "pumpandrun",
        "I use an insulin pump linked to a continuous glucose monitor, and the automatic "
        "adjustments have made my nights far steadier. Exercise still needs planning: before a "
        "long run I set a temporary target and carry fast-acting sugar. It took me a year to "
        "feel at ease with the technology, so be patient with yourself.",
        "approved",
        (
            Story(
                _T1D,
                _T1D_MANAGEMENT,
                "ember-mae",
                "How did you work out the right temporary target for running? I keep going low "
                "halfway through my workouts.",
                "approved",
                (
                    Story(
                        _T1D,
                        _T1D_MANAGEMENT,
                        "pumpandrun",
                        "Mostly trial and error, with my diabetes team reviewing the data. "
                        "Setting it an hour or two before I start, rather than at the start, "
                        "was the biggest change for me.",
                        "approved",
                        (
                            Story(
                                _T1D,
                                _T1D_MANAGEMENT,
                                "cde_nurse_jo",
                                "Timing like that is a common and sensible adjustment. It's "
                                "worth sharing your CGM data with your own team so they can "
                                "tailor a plan to the kind of exercise you do.",
                                "approved",
                                (
                                    Story(
                                        _T1D,
                                        _T1D_MANAGEMENT,
                                        "ember-mae",
                                        "Thank you both, I've booked a review to go through "
                                        "my workout data.",
                                        "approved",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _T1D,
        _T1D_MANAGEMENT,
        "ember-mae",
        "I do multiple daily injections and count carbs, and a structured education course was "
        "the turning point for me. I finally understood why my numbers did what they did.",
        "pending",
    ),
    Story(
        _T1D,
        _T1D_HYPO,
        "quietfern",
        "Night-time lows scared me most after my diagnosis. My CGM alarm now wakes me before "
        "things get bad, and I keep juice and glucose tablets on the bedside table. I follow "
        "the rule my nurse taught me: treat, wait fifteen minutes, recheck.",
        "approved",
        (
            Story(
                _T1D,
                _T1D_HYPO,
                "loopdad",
                "We do the same for our daughter, with her CGM readings shared to our phones. "
                "Keeping the supplies in the same place every night means nobody has to hunt "
                "for them in the dark.",
                "approved",
                (
                    Story(
                        _T1D,
                        _T1D_HYPO,
                        "quietfern",
                        "A fixed spot for supplies is such a simple idea and it really works. "
                        "Wishing you all some unbroken nights of sleep!",
                        "approved",
                    ),
                ),
            ),
        ),
    ),
    Story(
        _T1D,
        _T1D_HYPO,
        "sugarwise",
        "After a few years my warning signs started to fade and I stopped feeling shaky when I "
        "was low. My team helped me adjust my plan to avoid lows for a while, and some of my "
        "awareness came back. If you notice your symptoms changing, please mention it at your "
        "next appointment.",
        "approved",
    ),
)

_MS_STORIES = (
    Story(
        _MS,
        _MS_SIGNS,
        "mossgarden",
        "My first sign was blurred vision in one eye and pain when I moved it, which turned out "
        "to be optic neuritis. My optician sent me straight to the hospital, and an MRI a few "
        "weeks later showed lesions. Looking back, I'd also had odd tingling in my hands that I "
        "had ignored.",
        "approved",
        (
            Story(
                _MS,
                _MS_SIGNS,
                "neuro_pa_sam",
                "Thank you for sharing this. Optic neuritis is one of the more common first "
                "signs, and your optician did exactly the right thing. Tingling and numbness "
                "have many possible causes, so they're always best checked rather than guessed "
                "at.",
                "approved",
                (
                    Story(
                        _MS,
                        _MS_SIGNS,
                        "mossgarden",
                        "I was lucky with that optician. My vision mostly came back, though "
                        "colours looked a bit washed out for a while.",
                        "approved",
                        (
                            Story(
                                _MS,
                                _MS_SIGNS,
                                "heron_blue",
                                "My colours were washed out for months after my episode too. "
                                "It's reassuring to hear someone describe it the same way.",
                                "approved",
                                (
                                    Story(
                                        _MS,
                                        _MS_SIGNS,
                                        "wrenfield",
                                        "My partner had the same thing. I remember feeling "
                                        "helpless, so reading how you both came through it "
                                        "helps me too.",
                                        "approved",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _MS,
        _MS_SIGNS,
        "thistle_and_tea",
        "For me it started with numbness in both legs that crept upwards over a week, plus a "
        "tiredness that sleep didn't touch. I nearly didn't see a doctor because it all felt so "
        "vague. I'm glad I did, because it led to the referral that got me diagnosed.",
        "approved",
    ),
    Story(
        _MS,
        _MS_DIAGNOSIS,
        "heron_blue",
        "My diagnosis took about six months: two MRI scans, a lumbar puncture and blood tests to "
        "rule out other things. The waiting was the hardest part, but my neurologist explained "
        "why they needed to see changes over time before they could confirm it.",
        "approved",
        (
            Story(
                _MS,
                _MS_DIAGNOSIS,
                "genewatcher",
                "Thank you for describing the process so clearly. Needing to show damage in "
                "different places and at different times is exactly why a second scan is "
                "sometimes part of the criteria.",
                "approved",
                (
                    Story(
                        _MS,
                        _MS_DIAGNOSIS,
                        "heron_blue",
                        "That makes sense of the second scan. At the time it just felt like "
                        "waiting for the sake of it.",
                        "approved",
                    ),
                ),
            ),
        ),
    ),
    Story(
        _MS,
        _MS_DIAGNOSIS,
        "slowtrail",
        "My lumbar puncture wasn't as bad as I expected, though I had a headache for a day "
        "afterwards. Resting and drinking plenty of water helped.",
        "pending",
    ),
    Story(
        _MS,
        _MS_TREATMENT,
        "slowtrail",
        "I have an infusion treatment every six months and haven't had a relapse since "
        "starting it. I also see a physiotherapist for my balance, which has helped my "
        "day-to-day life as much as the medicine. Finding the right treatment took a couple of "
        "honest conversations with my neurologist about risks and my plans.",
        "approved",
        (
            Story(
                _MS,
                _MS_TREATMENT,
                "wrenfield",
                "I care for my partner, who has MS, and the physio point is so true. Building "
                "the exercises into our routine has done wonders for his confidence.",
                "approved",
                (
                    Story(
                        _MS,
                        _MS_TREATMENT,
                        "slowtrail",
                        "That's lovely to hear. Doing the exercises together makes it so much "
                        "easier to keep going.",
                        "approved",
                    ),
                ),
            ),
        ),
    ),
    Story(
        _MS,
        _MS_TREATMENT,
        "wellness_shortcut",
        "Stop your MS medication and switch to my diet plan instead. It reversed my lesions in "
        "three months and no neurologist will tell you this.",
        "rejected",
    ),
    Story(
        _MS,
        _MS_TREATMENT,
        "mossgarden",
        "I started on a tablet treatment soon after diagnosis. The regular blood tests felt like "
        "a hassle at first, but now they're just part of the routine, and knowing things are "
        "being watched carefully helps me feel safe.",
        "approved",
    ),
)

_CD_STORIES = (
    Story(
        _CD,
        _CD_CAUSES,
        "gutfeeling",
        "I was diagnosed at 19 after months of stomach pain, weight loss and diarrhoea that I "
        "tried to ignore. I kept wondering whether stress at university had caused it. My "
        "gastroenterologist explained that nobody knows exactly what causes Crohn's, but that "
        "genes, the immune system and gut bacteria are all involved, and stress can affect "
        "symptoms without being the root cause.",
        "approved",
        (
            Story(
                _CD,
                _CD_CAUSES,
                "flare_and_fair",
                'I went through the same "was it my fault" phase. Hearing that stress can make '
                "symptoms worse without causing the disease helped me be kinder to myself.",
                "approved",
                (
                    Story(
                        _CD,
                        _CD_CAUSES,
                        "gutfeeling",
                        "Exactly. I still notice flares around stressful times, so I've started "
                        "building in rest, but I no longer see it as my fault.",
                        "approved",
                        (
                            Story(
                                _CD,
                                _CD_CAUSES,
                                "ibd_dietitian_k",
                                "That's a really healthy way to look at it. Patterns like "
                                "this are useful to share with your IBD team, as long as "
                                "noticing them doesn't turn into blaming yourself.",
                                "approved",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _CD,
        _CD_CAUSES,
        "bramble_mom",
        "My son was diagnosed at 14, and a relative on his dad's side has Crohn's too, so I "
        "worried we had passed it on. The team explained that family history raises the risk but "
        "most relatives never develop it. Knowing the signs meant we got him seen quickly.",
        "approved",
        (
            Story(
                _CD,
                _CD_CAUSES,
                "kettle_and_quilt",
                "Getting seen quickly makes such a difference. I hope he's doing well with his "
                "treatment.",
                "approved",
            ),
        ),
    ),
    Story(
        _CD,
        _CD_TREATMENT,
        "flare_and_fair",
        "After steroids stopped working for me, I started a biologic injection every two weeks "
        "and it finally brought my symptoms under control. I later needed surgery to remove a "
        "narrowed section of bowel, which I dreaded, but recovery went better than I expected. "
        "Having an IBD nurse to call between appointments has been a lifeline.",
        "approved",
        (
            Story(
                _CD,
                _CD_TREATMENT,
                "kettle_and_quilt",
                "Thank you for sharing the surgery part. I've been told it might be an option "
                "for me, and your post helps a lot.",
                "approved",
                (
                    Story(
                        _CD,
                        _CD_TREATMENT,
                        "flare_and_fair",
                        "Ask your surgeon every question you can think of, including what "
                        "recovery looks like week by week. It made the whole thing much less "
                        "scary for me.",
                        "approved",
                    ),
                ),
            ),
        ),
    ),
    Story(
        _CD,
        _CD_TREATMENT,
        "kettle_and_quilt",
        "I'm on azathioprine with regular blood tests, and it took a few months before I noticed "
        "a difference. Sticking with it through that wait was hard but worth it.",
        "pending",
    ),
    Story(
        _CD,
        _CD_TREATMENT,
        "miraclemix_42",
        "Forget biologics, my herbal gut-healing kit cured my Crohn's. Message me for a discount "
        "code before it sells out.",
        "reported",
    ),
    Story(
        _CD,
        _CD_DIET,
        "kettle_and_quilt",
        "I have a stricture, so my team put me on a low-fibre diet while it's narrowed, which "
        "meant avoiding things like nuts and raw vegetables for a while. A food diary helped me "
        "and my dietitian see patterns, instead of me cutting out whole food groups on a hunch.",
        "approved",
        (
            Story(
                _CD,
                _CD_DIET,
                "ibd_dietitian_k",
                "This is a great example of diet being tailored to one person's situation. "
                "Low-fibre advice makes sense with a stricture, but it isn't right for everyone "
                "with Crohn's, so it's best planned with a dietitian.",
                "approved",
                (
                    Story(
                        _CD,
                        _CD_DIET,
                        "kettle_and_quilt",
                        "My dietitian said the same. I was surprised how much I could still "
                        "eat once we'd worked out what actually caused problems.",
                        "approved",
                        (
                            Story(
                                _CD,
                                _CD_DIET,
                                "cinder_fox",
                                "The food diary idea is brilliant. I'd been cutting things out "
                                "at random and ended up worried I wasn't eating enough.",
                                "approved",
                                (
                                    Story(
                                        _CD,
                                        _CD_DIET,
                                        "ibd_dietitian_k",
                                        "That worry is worth raising with your team, as "
                                        "Crohn's can already make it harder to get enough "
                                        "nutrients. A dietitian can help you widen your diet "
                                        "safely.",
                                        "approved",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _CD,
        _CD_DIET,
        "cinder_fox",
        "During flares I stick to softer, simpler foods and small meals, then bring other foods "
        "back slowly when I feel better. My team also checks my vitamin B12 and iron, which I "
        "didn't know Crohn's could affect.",
        "approved",
    ),
    Story(
        _CD,
        _CD_DIET,
        "birchlight",
        "I have an immune condition as well as Crohn's, so I'm careful with food hygiene and "
        "check with both teams before trying any new diet. It's taught me that what works for "
        "someone online isn't necessarily safe for me.",
        "approved",
    ),
)

_ENDO_STORIES = (
    Story(
        _ENDO,
        _ENDO_SYMPTOMS,
        "lotus_ache",
        "For years I was told my painful periods were normal and I just had to put up with "
        "them. I missed school and later work, and the pain started spreading into the days "
        "between periods too. When I was finally diagnosed, it was a relief to know it was real "
        "and had a name.",
        "approved",
        (
            Story(
                _ENDO,
                _ENDO_SYMPTOMS,
                "saltmarsh",
                "Being told it's \"normal\" is such a common story, and it's exhausting. I'm glad "
                "you kept pushing.",
                "approved",
                (
                    Story(
                        _ENDO,
                        _ENDO_SYMPTOMS,
                        "lotus_ache",
                        "Thank you. A symptom diary was what finally got me taken seriously, so "
                        "I recommend it to everyone.",
                        "approved",
                        (
                            Story(
                                _ENDO,
                                _ENDO_SYMPTOMS,
                                "partner_in_pain",
                                "As a partner, the symptom diary helped me understand too. I "
                                "hadn't realised how many days were affected until I saw it "
                                "written down.",
                                "approved",
                                (
                                    Story(
                                        _ENDO,
                                        _ENDO_SYMPTOMS,
                                        "lotus_ache",
                                        "That means a lot to read. Having someone who believes "
                                        "you makes a huge difference.",
                                        "approved",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Story(
        _ENDO,
        _ENDO_SYMPTOMS,
        "heron_blue",
        "My main symptoms were pain when opening my bowels around my period and a constant "
        "tiredness. I didn't connect them to endometriosis until a gynaecologist asked me some "
        "very specific questions.",
        "approved",
    ),
    Story(
        _ENDO,
        _ENDO_DIAGNOSIS,
        "saltmarsh",
        "My first ultrasound was normal, which made me doubt myself. My gynaecologist explained "
        "that a normal scan doesn't rule endometriosis out, and a laparoscopy later found and "
        "removed several patches.",
        "approved",
        (
            Story(
                _ENDO,
                _ENDO_DIAGNOSIS,
                "gyn_researcher_li",
                "Thank you for sharing this, it's a really important point. Ultrasound and MRI "
                "can show some types of endometriosis well, but small surface patches often "
                "aren't visible on scans.",
                "approved",
                (
                    Story(
                        _ENDO,
                        _ENDO_DIAGNOSIS,
                        "saltmarsh",
                        "I wish I'd known that back then. It would have saved me a lot of "
                        "second-guessing.",
                        "approved",
                    ),
                ),
            ),
        ),
    ),
    Story(
        _ENDO,
        _ENDO_DIAGNOSIS,
        "cinder_fox",
        "My diagnosis came from an MRI read by a specialist, and I didn't need surgery to "
        "confirm it. It was good to be able to start treatment straight away.",
        "pending",
    ),
    Story(
        _ENDO,
        _ENDO_TREATMENT,
        "ember-mae",
        "A hormonal coil combined with pelvic floor physiotherapy has reduced my pain a lot. It "
        "wasn't instant and I tried two other options first, so I'd encourage anyone to keep "
        "talking to their team if the first thing doesn't work.",
        "approved",
        (
            Story(
                _ENDO,
                _ENDO_TREATMENT,
                "lotus_ache",
                "Pelvic physio is so underrated. It helped me with pain during sex, which I "
                "found hard to talk about at first.",
                "approved",
            ),
        ),
    ),
    Story(
        _ENDO,
        _ENDO_TREATMENT,
        "partner_in_pain",
        "As a partner, the things that have helped us most are a good heat pad, planning "
        "lighter days around her cycle, and going to appointments together so she doesn't have "
        "to explain everything alone.",
        "approved",
    ),
    Story(
        _ENDO,
        _ENDO_TREATMENT,
        "herbal_hacks",
        "Endometriosis can be cured with my herbal detox tea, no surgery or hormones needed. I "
        "sell it cheap, just message me.",
        "rejected",
    ),
)


STORIES: tuple[Story, ...] = (
    *_PI_CAUSES_STORIES,
    *_PI_DIAGNOSIS_STORIES,
    *_PI_TREATMENT_STORIES,
    *_T1D_STORIES,
    *_MS_STORIES,
    *_CD_STORIES,
    *_ENDO_STORIES,
)
