/**
 * Conversations of other members of the Sunrise concierge team. Fictional people, places
 * and doctors; nothing alarming.
 */
import { autoClose, d, fromMember, h, hold, note, reply, solve, type ThreadScript } from "./demo-thread-script";

const GABRIEL = "guide@demo.test";
const BEA = "guide.b@demo.test";
const NORA = "nurse@demo.test";

export const sunriseThreads: ThreadScript[] = [
  {
    member: "member.aisha.rahman@demo.test",
    subject: "Do I need a referral for physical therapy?",
    caseType: "Benefits question",
    assignee: GABRIEL,
    startedDaysAgo: 20,
    steps: [
      fromMember(0, "Hi, my knee has been stiff since I started running again and my doctor suggested physical therapy. Do I need a referral, and how many visits does my plan cover?"),
      reply(h(2), GABRIEL, "Hi Aisha! No referral is needed for physical therapy on your plan; you can book directly with any in-network physical therapist. Your plan covers up to 30 visits a year, shared between physical, occupational and speech therapy. Would you like a few in-network options near you?"),
      fromMember(h(4), "Yes please, something close to Cambridge would be great."),
      reply(h(5), GABRIEL, "Here you go, all three are in network:\n\n- Charles River Physical Therapy: early morning appointments\n- Kendall Sports Rehab: specializes in running injuries\n- Inman Square PT: weekday evening hours\n\nLet me know if you need anything else!"),
      fromMember(d(1), "Kendall Sports Rehab sounds perfect. Thanks Gabriel!"),
      solve(d(1) + 20, GABRIEL),
      autoClose(d(4) + 20),
    ],
  },
  {
    member: "member.mei.chen@demo.test",
    subject: "Scheduling my mammogram",
    caseType: "Scheduling",
    assignee: BEA,
    startedDaysAgo: 3,
    steps: [
      fromMember(0, "Hello, I got a letter saying I'm due for a mammogram. Where can I get one, and do I need an order from my doctor?"),
      reply(h(1) + 40, BEA, "Hi Mei, thanks for following up on that letter! Screening mammograms are covered once a year at no cost on your plan, and most imaging centers don't need an order for a screening. Two in-network centers near you have openings in the next two weeks: Northgate Imaging and St. Anne's Breast Health Center. Do you prefer mornings or afternoons? I can request a time for you."),
    ],
  },
  {
    member: "member.hannah.goldberg@demo.test",
    subject: "Help finding a therapist",
    caseType: "Find care",
    assignee: BEA,
    startedDaysAgo: 5,
    steps: [
      fromMember(0, "Hi, I'd like to start seeing a therapist again, mostly to help manage stress at work. Are there in-network therapists with evening appointments? Video is fine too."),
      note(h(2), NORA, "Looking for ongoing talk therapy, nothing urgent reported. MindBridge telehealth is in network and usually has openings within a week."),
      reply(h(2) + 30, BEA, "Hi Hannah, I'm glad you reached out. Therapy visits are covered with a $20 copay on your plan. A few options with evening availability:\n\n- MindBridge Telehealth: video sessions until 9 pm, first visit usually within a week\n- Rachel Stein, LCSW: in person, Tuesday and Thursday evenings\n- Maple Counseling Collective: video or in person\n\nWould you like me to check availability at any of these?"),
      fromMember(h(20), "MindBridge sounds easiest. Could you check if they have anything on Wednesday evenings?"),
      reply(d(1) + h(2), BEA, "They have Wednesday openings at 6:30 pm and 7:30 pm next week. Which would you prefer? I'll send the booking request as soon as you let me know."),
    ],
  },
  {
    // On hold while the billing team reviews the claim.
    member: "member.jamal.carter@demo.test",
    subject: "Bill from my ER visit",
    caseType: "Billing",
    assignee: GABRIEL,
    startedDaysAgo: 8,
    steps: [
      fromMember(0, "Hi, I got a bill for $640 from the ER visit I had last month for a sprained wrist. I thought my plan covered ER visits with a copay. Can you look into this?"),
      reply(h(3), GABRIEL, "Hi Jamal, sorry for the surprise bill. Let's sort it out! Your plan's ER copay is $250 and the claim should have applied it. Could you send me the account number printed at the top of the bill?"),
      fromMember(h(5), "Sure, it's account number 88213-447."),
      reply(h(6), GABRIEL, "Thanks! I've opened a claims review with our billing team: it looks like the visit was billed under the wrong code. These reviews usually take 5 to 7 business days, and I'll update you here as soon as I hear back. You don't need to pay the bill in the meantime; I've asked the hospital to put it on hold."),
      hold(h(6) + 2, GABRIEL),
    ],
  },
  {
    // Open: Robert answered Gabriel's question and is waiting for the booking.
    member: "member.robert.miller@demo.test",
    subject: "Rides to my pulmonology appointments",
    caseType: "Benefits question",
    assignee: GABRIEL,
    startedDaysAgo: 2,
    steps: [
      fromMember(0, "Good morning. I see my lung doctor every month and my daughter can't always drive me anymore. Does my plan help with transportation?"),
      reply(h(2), GABRIEL, "Good morning, Robert! Yes, your plan includes rides to covered medical appointments, up to 24 one-way trips a year at no cost to you. Rides are arranged through RideWell, and drivers can help with a walker or a portable oxygen tank. I can book them for you. When is your next appointment, and what time should you be picked up?"),
      fromMember(d(1) + h(22), "Thank you, that's a relief. My next appointment is on the 9th at 2:00 in the afternoon, at the Pulmonary Clinic on Green Street. I use a walker."),
    ],
  },
  {
    member: "member.liam.oconnor@demo.test",
    subject: "Follow-up after my ER visit",
    caseType: "Find care",
    assignee: GABRIEL,
    startedDaysAgo: 2,
    steps: [
      fromMember(0, "Hi, I was at the ER on Saturday after rolling my ankle playing basketball. They said to follow up with a doctor in a week or two. Who should I see?"),
      note(h(1), NORA, "ER summary received: mild ankle sprain, X-ray normal, nothing else of note. Follow-up with his PCP or sports medicine in 1 to 2 weeks is appropriate; PT if it's still sore after that."),
      reply(h(1) + 30, GABRIEL, "Hi Liam, sorry to hear about the ankle! Your primary care doctor, Dr. Nguyen, is a good first stop, or you can see a sports medicine doctor directly without a referral. Dr. Nguyen has an opening next Thursday at 9:15 am. Would you like me to book it?"),
      fromMember(h(3), "Thursday at 9:15 works. Please book it!"),
      reply(h(3) + 20, GABRIEL, "Done! You're booked with Dr. Nguyen next Thursday at 9:15 am. Bring the discharge papers from the ER if you have them. Feel better!"),
      solve(h(3) + 21, GABRIEL),
    ],
  },
  {
    member: "member.amara.nwosu@demo.test",
    subject: "Prenatal vitamins coverage",
    caseType: "Prescription",
    assignee: BEA,
    startedDaysAgo: 25,
    steps: [
      fromMember(0, "Hi! My midwife recommended prenatal vitamins. Are they covered by my plan, or should I just buy them at the store?"),
      reply(h(2), BEA, "Hi Amara, congratulations! Prenatal vitamins are covered at no cost when they're prescribed, so ask your midwife to send a prescription to your pharmacy and you'll pay $0. Store-bought ones aren't reimbursed, so the prescription route saves you money."),
      fromMember(h(6), "Great, I'll ask her at my next visit. Thank you!"),
      solve(h(6) + 15, BEA),
      autoClose(d(3) + h(7)),
    ],
  },
  {
    // Written in Spanish, the member's preferred language.
    member: "member.lucia.fernandez@demo.test",
    subject: "Monitor de presión arterial",
    caseType: "Medical equipment",
    assignee: GABRIEL,
    startedDaysAgo: 18,
    steps: [
      fromMember(0, "Hola, mi médico me pidió que me tome la presión en casa todos los días. ¿Mi plan cubre un monitor de presión arterial?"),
      reply(h(2), GABRIEL, "¡Hola, Lucía! Sí, su plan cubre un monitor de presión arterial para el hogar cada dos años, sin costo, con una receta de su médico. Puedo pedirle a la oficina de la Dra. Kim que envíe la receta a nuestro proveedor de equipo médico, y se lo mandarán a su casa en 3 a 5 días. ¿Le parece bien?"),
      fromMember(h(4), "Sí, por favor. Muchas gracias."),
      reply(d(1), GABRIEL, "Listo: la receta fue enviada y el monitor debería llegar esta semana. Si tiene preguntas sobre cómo usarlo, con gusto le ayudamos."),
      solve(d(1) + 5, GABRIEL),
      autoClose(d(4) + 5),
    ],
  },
  {
    member: "member.noah.schmidt@demo.test",
    subject: "Lost my member ID card",
    caseType: "Membership",
    assignee: GABRIEL,
    startedDaysAgo: 12,
    steps: [
      fromMember(0, "Hi, I think I lost my wallet with my member ID card in it. How do I get a new card?"),
      reply(h(1), GABRIEL, "Hi Noah, sorry about your wallet! I've ordered a replacement card; it will arrive by mail within 7 to 10 days. In the meantime, you can show the digital card on the Member ID page of this app. Pharmacies and doctors' offices accept it."),
      fromMember(h(2), "Oh nice, I didn't know about the digital card. Thanks!"),
      solve(h(2) + 10, GABRIEL),
      autoClose(d(3) + h(2) + 10),
    ],
  },
  {
    // Pending: Gabriel asked Ruth to confirm her phone number.
    member: "member.ruth.abernathy@demo.test",
    subject: "Mail-order pharmacy for my prescriptions",
    caseType: "Prescription",
    assignee: GABRIEL,
    startedDaysAgo: 4,
    steps: [
      fromMember(0, "Hello dear, my neighbor told me I could get my blood pressure pills delivered to my house. Is that true? Getting to the pharmacy is hard for me these days."),
      reply(h(3), GABRIEL, "Hello Ruth, your neighbor is right! Your plan includes home delivery from our mail-order pharmacy: a 90-day supply at a time, with free shipping. To set it up, I just need to ask Dr. Lowell's office to send your prescriptions there. Would you like me to do that for both of your blood pressure medicines?"),
      fromMember(d(1) + h(1), "Yes please, both of them. Thank you."),
      reply(d(1) + h(4), GABRIEL, "I've sent the request to Dr. Lowell's office. Once they send the prescriptions, the pharmacy will call you to confirm your address and mail the first shipment. Is the phone number on your profile still the best one for them to call?"),
    ],
  },
  {
    // Brand new and unassigned: it just arrived in the Sunrise queue.
    member: "member.valentina.cruz@demo.test",
    subject: "Vision benefits this year",
    caseType: "Benefits question",
    startedDaysAgo: 0.03,
    steps: [
      fromMember(0, "Hi! Does my plan cover an eye exam and glasses this year? I haven't used my vision benefits yet."),
    ],
  },
  {
    // Closed weeks ago; the member's new question opened a follow-up ticket (NEW).
    member: "member.chloe.dubois@demo.test",
    subject: "Explanation of benefits I received",
    caseType: "Billing",
    assignee: BEA,
    startedDaysAgo: 28,
    steps: [
      fromMember(0, "Hi, I received an \"Explanation of Benefits\" letter in the mail for my physical last month, and it says \"this is not a bill\". Do I need to do anything with it?"),
      reply(h(2), BEA, "Hi Chloe, good question: nothing to do! An Explanation of Benefits shows what your doctor billed, what the plan paid, and what you might owe. Preventive visits are covered at 100%, so the plan paid your physical in full and you owe $0. It's a good idea to keep it for your records."),
      fromMember(h(3), "Got it, thank you!"),
      solve(h(3) + 10, BEA),
      autoClose(d(3) + h(3) + 10),
      fromMember(d(28) - h(3), "Hi again! I just got another Explanation of Benefits for the same physical, this time showing $45 for lab work. Is that something I owe?"),
    ],
  },
];
