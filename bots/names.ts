/**
 * Name pools for the people who queue for a residence permit in a French préfecture. Faker's
 * French locale gives French names, but most applicants were born abroad: these small lists add
 * the origins most represented among non-EU residents of Occitanie (Maghreb first), with their
 * accents, apostrophes, particles and compound surnames, which is what name checks stumble on.
 * Weights are rough shares, enough to make the population look like a real waiting room.
 */

export interface NamePool {
  origin: string;
  weight: number;
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
  /** family name written first on the papers (Vietnamese, Chinese): forms often get it swapped */
  familyFirst?: boolean;
}

export const NAME_POOLS: readonly NamePool[] = [
  {
    origin: 'maghreb-ma', weight: 30,
    female: ['Fatima', 'Khadija', 'Aïcha', 'Meryem', 'Zineb', 'Salma', 'Imane', 'Naïma', 'Hanane', 'Latifa', 'Soukaïna', 'Ghizlane', 'Houda', 'Rajae'],
    male: ['Mohamed', 'Youssef', 'Abdelkader', 'Hicham', 'Rachid', 'Mustapha', 'Abdellah', 'Said', 'Hamza', 'Anouar', 'Brahim', 'Driss', 'Othmane', 'Zakaria'],
    last: ['El Amrani', 'Benali', 'El Idrissi', 'Ait Ouali', 'Bennani', 'Ouahbi', 'Lahlou', 'Benchekroun', 'El Fassi', 'Boukhari', 'Tazi', 'Ait Lahcen', 'Berrada', 'El Ouardi', 'Amrani', 'Chraïbi'],
  },
  {
    origin: 'maghreb-dz', weight: 14,
    female: ['Nadia', 'Samira', 'Yasmina', 'Fella', 'Lynda', 'Ouardia', 'Dalila', 'Kahina', 'Souad', 'Wassila'],
    male: ['Karim', 'Mehdi', 'Sofiane', 'Nabil', 'Farid', 'Mourad', 'Yacine', 'Kamel', 'Redouane', 'Abdelhamid', 'Lyes', 'Bilal'],
    last: ['Belkacem', 'Bouzid', 'Haddad', 'Cherif', 'Zerrouki', 'Mansouri', 'Ben Mohamed', 'Boudiaf', 'Ould Ali', 'Benaïssa', 'Saïdi', 'Hamidou', 'Aït-Ahmed'],
  },
  {
    origin: 'maghreb-tn', weight: 6,
    female: ['Amel', 'Rim', 'Sonia', 'Ines', 'Mouna', 'Olfa', 'Sirine'],
    male: ['Slim', 'Anis', 'Wassim', 'Hatem', 'Mehdi', 'Sami', 'Karim', 'Skander'],
    last: ['Ben Youssef', 'Trabelsi', 'Ben Salah', 'Jebali', 'Gharbi', 'Ben Ammar', 'Mejri', 'Chaouch', 'Ben Hassine'],
  },
  {
    origin: 'west-africa', weight: 12,
    female: ['Aminata', 'Fatoumata', 'Awa', 'Mariama', 'Kadiatou', 'Aïssatou', 'Ndèye', 'Coumba', 'Hawa', 'Adjoa'],
    male: ['Mamadou', 'Ousmane', 'Moussa', 'Ibrahima', 'Cheikh', 'Adama', 'Seydou', 'Souleymane', 'Boubacar', 'Kouassi', 'Lamine'],
    last: ['Diallo', "N'Diaye", 'Traoré', 'Koné', 'Diop', 'Camara', 'Sow', 'Ba', 'Cissé', 'Coulibaly', 'Keïta', 'Sylla', 'Touré', 'Fall', "N'Guessan", 'Kouyaté', 'Konaté'],
  },
  {
    origin: 'central-africa', weight: 6,
    female: ['Chantal', 'Grâce', 'Josiane', 'Ornella', 'Bénédicte', 'Nadège', 'Merveille'],
    male: ['Jean-Claude', 'Brice', 'Hervé', 'Arnaud', 'Serge', 'Patrick', 'Dieudonné', 'Blaise'],
    last: ['Mbarga', 'Nkoulou', 'Tshibanda', 'Mukendi', 'Ngoma', 'Mabiala', 'Owona', 'Essomba', 'Kalonji', 'Mvondo Assam', 'Nzeyimana', 'Tchatchouang'],
  },
  {
    origin: 'turkey', weight: 4,
    female: ['Ayşe', 'Elif', 'Zeynep', 'Fatma', 'Büşra', 'Gülşen', 'Şeyma'],
    male: ['Mehmet', 'Mustafa', 'Emre', 'Hüseyin', 'İbrahim', 'Oğuz', 'Yusuf', 'Çağlar'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Doğan', 'Koç', 'Güneş'],
  },
  {
    origin: 'vietnam', weight: 3, familyFirst: true,
    female: ['Thị Lan', 'Thị Hương', 'Ngọc Anh', 'Thu Thảo', 'Thị Hoa', 'Minh Châu'],
    male: ['Văn Minh', 'Đức Anh', 'Quang Huy', 'Văn Tuấn', 'Hoàng Long', 'Văn Dũng'],
    last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi'],
  },
  {
    origin: 'china', weight: 2, familyFirst: true,
    female: ['Li Na', 'Mei', 'Xiaoling', 'Yan', 'Jing'],
    male: ['Wei', 'Jun', 'Hao', 'Jian', 'Zhiwei'],
    last: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao'],
  },
  {
    origin: 'indian-ocean', weight: 3,
    female: ['Mariama', 'Zaharia', 'Nasra', 'Faïda', 'Voahangy', 'Hanitra'],
    male: ['Said', 'Ahmed', 'Ali', 'Soilihi', 'Andry', 'Rivo'],
    last: ['Ali Mohamed', 'Soilihi', 'Abdallah', 'Said Omar', 'Rakotomalala', 'Randriamampionona', 'Andrianasolo', 'Madi'],
  },
  {
    origin: 'latin-america', weight: 4,
    female: ['María José', 'Ana María', 'Luisa', 'Camila', 'Daniela', 'Ximena', 'Thaís'],
    male: ['José Luis', 'Juan Carlos', 'Andrés', 'Sebastián', 'Matías', 'João', 'Luiz Henrique'],
    last: ['García Pérez', 'Rodríguez López', 'Martínez', 'Hernández Díaz', 'González', 'da Silva', 'dos Santos', 'Gómez Ruiz', 'Muñoz', 'Peña Ibáñez'],
  },
  {
    origin: 'middle-east', weight: 6,
    female: ['Noor', 'Rania', 'Layla', 'Hiba', 'Zahra', 'Shirin', 'Parwana'],
    male: ['Ahmad', 'Hassan', 'Omar', 'Mahmoud', 'Ali Reza', 'Abdul Wahid', 'Khaled'],
    last: ['Al-Hassan', 'Rahimi', 'Ahmadzai', 'Al Khatib', 'Haidari', 'Hosseini', 'Al-Masri', 'Karimi', 'Abou Zeid', 'Nazari'],
  },
];

/** Share of applicants whose names come from Faker's French locale (francophone names). */
export const FAKER_FR_WEIGHT = 10;

/** Letter substitutions of the usual transliteration variants ("Mohamed" / "Mohammed", "ou" / "u"). */
export const TRANSLITERATIONS: readonly (readonly [RegExp, string])[] = [
  [/mohamed/i, 'Mohammed'],
  [/mohammed/i, 'Mohamed'],
  [/ou/i, 'u'],
  [/ss/i, 's'],
  [/ch/i, 'sh'],
  [/y/i, 'i'],
  [/ï/i, 'i'],
  [/ph/i, 'f'],
  [/ei/i, 'ey'],
  [/dj/i, 'j'],
];
