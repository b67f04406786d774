/**
 * Conversations on the other teams' channels (virtual primary care, health center) and of
 * members without a concierge team (they sit in the triage queue, untouched so far).
 */
import { autoClose, d, fromMember, h, reply, solve, type ThreadScript } from "./demo-thread-script";

const DR_RAMAN = "doctor@demo.test";
const DR_BELL = "doctor2@demo.test";

export const otherChannelThreads: ThreadScript[] = [
  {
    member: "member.darnell.washington@demo.test",
    channel: "vpc",
    subject: "Pain reliever with my blood pressure medicine",
    caseType: "Clinical question",
    assignee: DR_RAMAN,
    startedDaysAgo: 9,
    steps: [
      fromMember(0, "Hi Dr. Raman, I pulled a muscle in my back moving furniture. Is it okay to take ibuprofen with my lisinopril?"),
      reply(h(2), DR_RAMAN, "Hi Darnell, sorry about your back! With lisinopril it's better not to take ibuprofen or naproxen for more than a day or two, because they can raise blood pressure and strain the kidneys. Acetaminophen (Tylenol), up to 3,000 mg a day, is the safer choice, along with heat and gentle stretching. If it isn't better in a week, let's set up a video visit."),
      fromMember(h(3), "Got it, I'll switch to Tylenol. Thanks, Doctor."),
      solve(h(3) + 15, DR_RAMAN),
      autoClose(d(3) + h(3) + 15),
    ],
  },
  {
    member: "member.arjun.mehta@demo.test",
    channel: "riverside",
    subject: "Fasting before my blood draw",
    caseType: "Lab instructions",
    assignee: DR_BELL,
    startedDaysAgo: 2.5,
    steps: [
      fromMember(0, "Hello, I have a blood draw at Riverside on Friday morning for my annual labs. Do I need to fast beforehand?"),
      reply(h(1) + 10, DR_BELL, "Hi Arjun, yes: your order includes a lipid panel and a fasting glucose, so please don't eat for 10 to 12 hours before. Water is fine (it even helps the draw go smoothly), and take your usual medicines. The lab opens at 7 am, so an early appointment makes fasting easier."),
      fromMember(h(2), "Perfect, I'll go at 7. Thank you!"),
      solve(h(2) + 5, DR_BELL),
    ],
  },
];

export const triageThreads: ThreadScript[] = [
  {
    member: "member.teresa.lopez@demo.test",
    subject: "New member: who do I contact?",
    caseType: "Membership",
    startedDaysAgo: 0.2,
    steps: [
      fromMember(0, "Hi, I just joined the plan through my new job. Who is my care team, and how do I find a doctor?"),
    ],
  },
  {
    member: "member.kevin.park@demo.test",
    subject: "Updating my mailing address",
    caseType: "Membership",
    startedDaysAgo: 1,
    steps: [
      fromMember(0, "Hello, I moved last month. How can I update my mailing address so my new ID card goes to the right place?"),
      fromMember(h(2), "Also, will my doctors stay the same after the move? I'm still in the same city."),
    ],
  },
];
