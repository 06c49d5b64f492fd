/**
 * The 29 municipalities of the Amur region (region code 28) and their
 * municipal support centers. Zeya's МОЦ is the real one; the regional center
 * publishes the full list at dopportal.amurobl.ru/blog/31, and the other
 * contacts here are demo placeholders (marked `isDemo`).
 */
export interface MunicipalitySeed {
  code: string;
  name: string;
  /** Town the services are located in (for demo addresses). */
  town: string;
  /** Yearly nominal of a financing certificate, kopecks. */
  nominal: number;
  financingLimit: number;
}

export const AMUR_MUNICIPALITIES: MunicipalitySeed[] = [
  { code: 'blagoveshchensk', name: 'Благовещенск', town: 'г. Благовещенск', nominal: 1_650_000, financingLimit: 6000 },
  { code: 'belogorsk', name: 'Белогорск', town: 'г. Белогорск', nominal: 1_480_000, financingLimit: 1800 },
  { code: 'zeya', name: 'Зея', town: 'г. Зея', nominal: 1_347_000, financingLimit: 900 },
  { code: 'raichikhinsk', name: 'Райчихинск', town: 'г. Райчихинск', nominal: 1_300_000, financingLimit: 500 },
  { code: 'svobodny', name: 'Свободный', town: 'г. Свободный', nominal: 1_420_000, financingLimit: 1500 },
  { code: 'tynda', name: 'Тында', town: 'г. Тында', nominal: 1_560_000, financingLimit: 1100 },
  { code: 'shimanovsk', name: 'Шимановск', town: 'г. Шимановск', nominal: 1_290_000, financingLimit: 700 },
  { code: 'tsiolkovsky', name: 'Циолковский', town: 'г. Циолковский', nominal: 1_500_000, financingLimit: 400 },
  { code: 'progress', name: 'Прогресс', town: 'пгт Прогресс', nominal: 1_250_000, financingLimit: 300 },
  { code: 'arkharinsky', name: 'Архаринский округ', town: 'пгт Архара', nominal: 1_200_000, financingLimit: 350 },
  { code: 'belogorsky', name: 'Белогорский округ', town: 'с. Томичи', nominal: 1_180_000, financingLimit: 300 },
  { code: 'blagoveshchensky', name: 'Благовещенский округ', town: 'с. Чигири', nominal: 1_350_000, financingLimit: 800 },
  { code: 'bureysky', name: 'Бурейский округ', town: 'пгт Новобурейский', nominal: 1_210_000, financingLimit: 400 },
  { code: 'zavitinsky', name: 'Завитинский округ', town: 'г. Завитинск', nominal: 1_190_000, financingLimit: 300 },
  { code: 'zeysky', name: 'Зейский округ', town: 'пгт Верхнезейск', nominal: 1_230_000, financingLimit: 250 },
  { code: 'ivanovsky', name: 'Ивановский округ', town: 'с. Ивановка', nominal: 1_200_000, financingLimit: 450 },
  { code: 'konstantinovsky', name: 'Константиновский округ', town: 'с. Константиновка', nominal: 1_150_000, financingLimit: 250 },
  { code: 'magdagachinsky', name: 'Магдагачинский округ', town: 'пгт Магдагачи', nominal: 1_260_000, financingLimit: 350 },
  { code: 'mazanovsky', name: 'Мазановский округ', town: 'с. Новокиевский Увал', nominal: 1_170_000, financingLimit: 250 },
  { code: 'mikhaylovsky', name: 'Михайловский округ', town: 'с. Поярково', nominal: 1_160_000, financingLimit: 250 },
  { code: 'oktyabrsky', name: 'Октябрьский округ', town: 'с. Екатеринославка', nominal: 1_180_000, financingLimit: 350 },
  { code: 'romnensky', name: 'Ромненский округ', town: 'с. Ромны', nominal: 1_140_000, financingLimit: 150 },
  { code: 'svobodnensky', name: 'Свободненский округ', town: 'г. Свободный', nominal: 1_190_000, financingLimit: 300 },
  { code: 'selemdzhinsky', name: 'Селемджинский округ', town: 'пгт Экимчан', nominal: 1_400_000, financingLimit: 200 },
  { code: 'seryshevsky', name: 'Серышевский округ', town: 'пгт Серышево', nominal: 1_200_000, financingLimit: 400 },
  { code: 'skovorodinsky', name: 'Сковородинский округ', town: 'г. Сковородино', nominal: 1_300_000, financingLimit: 450 },
  { code: 'tambovsky', name: 'Тамбовский округ', town: 'с. Тамбовка', nominal: 1_170_000, financingLimit: 350 },
  { code: 'tyndinsky', name: 'Тындинский округ', town: 'г. Тында', nominal: 1_450_000, financingLimit: 200 },
  { code: 'shimanovsky', name: 'Шимановский округ', town: 'г. Шимановск', nominal: 1_160_000, financingLimit: 150 },
];

export const ZEYA_SUPPORT_CENTER = {
  name: 'Муниципальный опорный центр дополнительного образования детей г. Зеи',
  hostOrganization: 'МАО ДО ДДТ «Ровесник»',
  address: 'г. Зея, ул. Народная, 26',
  phone: '8 (41658) 2-28-98',
  links: ['https://t.me/moc_zeya', 'https://dopportal.amurobl.ru/blog/31'],
};
