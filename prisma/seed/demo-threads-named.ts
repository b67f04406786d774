/**
 * Conversations of the three named demo members (the ones the README and the end-to-end
 * tests sign in as). Fictional people, places and doctors; nothing alarming.
 */
import { TicketPriority } from "../../lib/db/generated/client";
import { autoClose, d, fromMember, h, note, reply, solve, type ThreadScript } from "./demo-thread-script";

const GABRIEL = "guide@demo.test";
const BEA = "guide.b@demo.test";
const NORA = "nurse@demo.test";
const HUGO = "guide2@demo.test";
const INES = "nurse2@demo.test";
const DR_RAMAN = "doctor@demo.test";

export const namedMemberThreads: ThreadScript[] = [
  {
    // Open, assigned to Gabriel, with the nurse's internal note: the member is waiting.
    member: "member@demo.test",
    subject: "Refill for my inhaler",
    caseType: "Prescription",
    assignee: GABRIEL,
    startedDaysAgo: 1,
    steps: [
      fromMember(0, "Hi! I'm down to my last few puffs on my albuterol inhaler and the pharmacy says there are no refills left on the prescription. Could you help me get a new one before the weekend?"),
      note(h(1) + 50, NORA, "Reviewed: asthma well controlled at her last visit in the spring, rescue inhaler about once a week, no recent ER visits. A routine refill request to her PCP is appropriate. If she mentions needing it more than twice a week, loop me in for an asthma check-in."),
      reply(h(2) + 15, GABRIEL, "Hi Maya, thanks for letting us know ahead of time! I've sent a refill request to Dr. Warren's office; they usually turn these around within one business day. Should it go to the CVS on Beacon Street you used last time, or somewhere else?"),
      fromMember(h(21), "The CVS on Beacon Street is perfect, thank you! One more question: will it be the same copay as last time? I think I paid $15."),
    ],
  },
  {
    // Old and closed: solved by Bea, then closed automatically after the quiet period.
    member: "member@demo.test",
    subject: "Finding an in-network dermatologist",
    caseType: "Find care",
    priority: TicketPriority.LOW,
    assignee: BEA,
    startedDaysAgo: 30,
    steps: [
      fromMember(0, "Hello, I'd like to see a dermatologist for a routine skin check. Can you help me find one that's in network and not too far from Boston? Weekday evenings or Saturdays would be ideal."),
      reply(h(3), BEA, "Hi Maya, happy to help! Here are three in-network dermatology practices with evening or Saturday hours:\n\n1. Back Bay Dermatology: Tuesday and Thursday evenings until 7 pm\n2. South End Skin Health: Saturdays, 9 am to 1 pm\n3. Fenway Dermatology Associates: Wednesday evenings\n\nA routine skin check is covered after your $40 specialist copay, and you don't need a referral on your plan. Would you like me to request an appointment at one of them?"),
      fromMember(h(5), "South End Skin Health on a Saturday would be great. Any Saturday in the next month works for me."),
      reply(d(1) + h(2), BEA, "All set! You're booked at South End Skin Health for a 10:30 am Saturday appointment. The confirmation with the date is in your email, and they'll text you a reminder two days before. Anything else I can help with?"),
      fromMember(d(1) + h(3), "Perfect, thank you so much Bea!"),
      solve(d(1) + h(3) + 20, BEA),
      autoClose(d(4) + h(3) + 20),
    ],
  },
  {
    // Pending: Bea asked Samuel a question and waits for his answer.
    member: "member2@demo.test",
    subject: "Test strips for my glucose meter",
    caseType: "Benefits question",
    assignee: BEA,
    startedDaysAgo: 2,
    steps: [
      fromMember(0, "Hi, my doctor wants me to check my blood sugar twice a day now instead of once. Does my plan cover enough test strips for that? I use a OneTouch Verio meter."),
      reply(h(4), BEA, "Hi Samuel, good question. Your plan covers up to 200 test strips a month with a prescription that says how often you test, so twice a day is fully covered. OneTouch Verio strips are on the preferred list, with a $10 copay for a 30-day supply.\n\nThe prescription on file is written for once a day, though. Would you like us to ask Dr. Coleman's office for an updated one that says twice daily?"),
    ],
  },
  {
    // Harbor: solved by Hugo after a note from the Harbor nurse.
    member: "member3@demo.test",
    subject: "Choosing an OB near my new apartment",
    caseType: "Find care",
    assignee: HUGO,
    startedDaysAgo: 2.5,
    steps: [
      fromMember(0, "Hi! I just moved to a new apartment in Lincoln Park and I'm 14 weeks pregnant. My current OB is now over an hour away. Could you help me find an in-network OB closer to home, ideally one who delivers at a hospital nearby?"),
      note(h(1) + 30, INES, "Routine transfer of prenatal care, no concerns noted. Suggest practices that deliver at Lakeshore Women's Hospital, and remind her to have her records transferred so her recent results come along."),
      reply(h(2), HUGO, "Congratulations, Lena, and welcome to the neighborhood! Two in-network OB practices near Lincoln Park deliver at Lakeshore Women's Hospital:\n\n- Dr. Elena Alvarez, Lincoln Park Women's Care: accepting new patients, about 10 minutes from you\n- North Side OB/GYN Partners: four physicians and two midwives\n\nPrenatal visits are covered in full on your plan. Whichever you choose, ask your current OB's office to send your records so your recent results come along. Want me to help book the first visit?"),
      fromMember(h(6), "That's so helpful, thank you! I called Dr. Alvarez's office and I'm booked for next Tuesday. I'll ask my old office to send my records today."),
      reply(h(7), HUGO, "Wonderful! I'll mark this as resolved, but just write back here if anything comes up. Take care!"),
      solve(h(7) + 1, HUGO),
    ],
  },
  {
    // On the Virtual Primary Care channel, answered by the physician.
    member: "member@demo.test",
    channel: "vpc",
    subject: "Question about my cholesterol results",
    caseType: "Clinical question",
    assignee: DR_RAMAN,
    startedDaysAgo: 2,
    steps: [
      fromMember(0, "Hi Dr. Raman, my cholesterol results from my annual physical came in. My LDL is 138. Is that something I should worry about?"),
      reply(h(3), DR_RAMAN, "Hi Maya, thanks for asking. An LDL of 138 is a little above the goal of under 130, and the rest of your panel (HDL, triglycerides and blood sugar) looks good, so this isn't a cause for worry. For now I'd focus on a few habits: more fiber (oats, beans, vegetables), fewer fried and processed foods, and about 150 minutes of activity a week. We'll recheck in six months and go from there. Does that sound okay?"),
      fromMember(h(5), "That sounds very doable. Thank you for explaining it!"),
      reply(h(5) + 30, DR_RAMAN, "You're welcome! I've added a reminder for a recheck in six months. Have a great week."),
      solve(h(5) + 31, DR_RAMAN),
    ],
  },
];
