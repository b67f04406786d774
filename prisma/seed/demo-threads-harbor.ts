/**
 * Conversations of other members of the Harbor concierge team. Fictional people, places
 * and doctors; nothing alarming.
 */
import { TicketPriority } from "../../lib/db/generated/client";
import { autoClose, d, fromMember, h, reply, solve, type ThreadScript } from "./demo-thread-script";

const HUGO = "guide2@demo.test";
const INES = "nurse2@demo.test";

export const harborThreads: ThreadScript[] = [
  {
    // Written in Spanish, the member's preferred language; the nurse answers.
    member: "member.carlos.mendoza@demo.test",
    subject: "Clases sobre la diabetes",
    caseType: "Health education",
    assignee: INES,
    startedDaysAgo: 3,
    steps: [
      fromMember(0, "Hola, mi doctor me dijo que podría tomar clases para aprender a manejar mi diabetes. ¿El plan las cubre? Prefiero en español."),
      reply(h(2), INES, "¡Hola, Carlos! Sí, su plan cubre el programa de educación sobre la diabetes sin costo. Hay un grupo en español los martes por la tarde en el Centro Comunitario Pilsen, y también sesiones por video los sábados por la mañana. Son seis sesiones, con consejos sobre alimentación, actividad física y cómo usar su glucómetro. ¿Cuál opción le conviene más?"),
    ],
  },
  {
    member: "member.priyanka.iyer@demo.test",
    subject: "90-day supply for my inhaler",
    caseType: "Prescription",
    assignee: HUGO,
    startedDaysAgo: 2,
    steps: [
      fromMember(0, "Hi, I refill my controller inhaler every month and it's a hassle. Can I get a 90-day supply instead?"),
      reply(h(2), HUGO, "Hi Priyanka! Yes, your plan allows 90-day supplies for maintenance medicines like your controller inhaler, and it costs less: $25 for 90 days instead of $15 a month. I can ask your doctor's office to update the prescription. Should it go to the same Walgreens as now?"),
      fromMember(h(4), "Yes, same Walgreens. That would be great."),
      reply(h(7), HUGO, "Done! The office approved the update, and your next refill will be a 90-day supply. Walgreens will text you when it's ready."),
      solve(h(7) + 2, HUGO),
    ],
  },
  {
    // Open, high priority: enrollment of a newborn has a deadline.
    member: "member.isabella.moreno@demo.test",
    subject: "Adding my newborn to my plan",
    caseType: "Membership",
    priority: TicketPriority.HIGH,
    assignee: HUGO,
    startedDaysAgo: 1,
    steps: [
      fromMember(0, "Hi! Our baby girl was born last week. How do I add her to my plan? I read there's a deadline."),
      reply(h(1), HUGO, "Congratulations, Isabella! You have 60 days from the birth to add her, and her coverage starts from her date of birth, so there's no gap. I've started the enrollment form for you. I just need her full name and date of birth, and then you'll get a link to sign."),
      fromMember(h(23), "Her name is Sofia Isabel Moreno, born last Tuesday. Also, do I need to pick a pediatrician right away?"),
    ],
  },
  {
    member: "member.ethan.brooks@demo.test",
    subject: "Finding a primary care doctor near campus",
    caseType: "Find care",
    assignee: HUGO,
    startedDaysAgo: 1.2,
    steps: [
      fromMember(0, "Hey, I just started at university and I've never picked my own doctor before. How do I find a primary care doctor near campus that takes my insurance?"),
      reply(h(3), HUGO, "Hi Ethan, happy to help! Two in-network primary care practices are within walking distance of campus:\n\n- Campus Family Medicine: same-week appointments, open until 7 pm\n- Dr. Aaron Feld at University Health Partners: accepting new patients\n\nYour plan covers a yearly check-up at no cost. Want me to book a first visit, or set one of them as your primary care doctor?"),
    ],
  },
  {
    member: "member.dmitri.volkov@demo.test",
    subject: "Prescription cost went up",
    caseType: "Billing",
    assignee: HUGO,
    startedDaysAgo: 15,
    steps: [
      fromMember(0, "Hello, my cholesterol medication used to cost $10 and this month the pharmacy charged me $45. Why did it change?"),
      reply(h(2), HUGO, "Hi Dmitri, thanks for flagging this. The pharmacy filled the brand-name version this time instead of the generic, which is why the price went up; the generic (atorvastatin) is still $10 on your plan. I've called them, and they'll switch you back to the generic from your next refill. They also agreed to refund the difference for this fill: you can pick it up at the counter."),
      fromMember(h(5), "Excellent, thank you for the quick help."),
      solve(h(5) + 10, HUGO),
      autoClose(d(3) + h(5) + 10),
    ],
  },
  {
    member: "member.zainab.bello@demo.test",
    subject: "Dental coverage question",
    caseType: "Benefits question",
    priority: TicketPriority.LOW,
    assignee: HUGO,
    startedDaysAgo: 10,
    steps: [
      fromMember(0, "Hi, does my plan include dental cleanings? I haven't been to a dentist in a while."),
      reply(h(4), HUGO, "Hi Zainab! Your medical plan doesn't include adult dental care, but you can add the Evergreen Dental plan at the next open enrollment; it covers two cleanings a year at no cost. Until then, the Lakeside Dental School clinic offers cleanings at a reduced price. Would you like their contact information?"),
      fromMember(h(6), "Yes please!"),
      reply(h(7), HUGO, "Lakeside Dental School Clinic: (312) 555-0187, open weekdays 8 am to 4 pm. Cleanings are $35 for new patients."),
      solve(h(7) + 10, HUGO),
      autoClose(d(3) + h(7) + 10),
    ],
  },
  {
    // Brand new, high priority and unassigned: it just arrived in the Harbor queue.
    member: "member.yuki.tanaka@demo.test",
    subject: "Left my medication at home while traveling",
    caseType: "Prescription",
    priority: TicketPriority.HIGH,
    startedDaysAgo: 0.017,
    steps: [
      fromMember(0, "Hi, I'm visiting family in Denver and realized I left my thyroid medication at home. I have enough for two more days. Can I get a short supply at a pharmacy here?"),
    ],
  },
];
